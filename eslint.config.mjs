// Strict, type-aware linting for every TypeScript workspace; Prettier owns formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Who may import whom (the README's map). Each workspace names the packages of ours it may use;
// nothing of ours is imported by deep path, and nothing imports the test workspace.
const PACKAGES = [
  'profiles',
  'contracts',
  'hapi',
  'ehr-sandbox',
  'fhir-server-adapter',
  'smart-app',
  'link-worker-app',
  'web-kit',
  'service-kit',
  'test-kit',
  'test',
  'oruk-feed',
];
const FOLDERS = [
  'profiles',
  'contracts',
  'sandbox',
  'fhir-server-adapter',
  'smart-app',
  'link-worker-app',
  'web-kit',
  'service-kit',
  'test-kit',
  'test',
  'bench',
  'scripts',
];
function layer(files, mayImport, folder) {
  const forbidden = PACKAGES.filter((name) => !mayImport.includes(name)).map(
    (name) => `@linkwell/${name}`,
  );
  const otherFolders = FOLDERS.filter((f) => f !== folder).map((f) => `**/${f}/**`);
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: forbidden,
              message: `${folder} may import only ${mayImport.map((n) => `@linkwell/${n}`).join(', ') || 'nothing of ours'} (README: how the pieces fit).`,
            },
            {
              group: ['@linkwell/*/**', '!@linkwell/web-kit/nhs.css'],
              message:
                'Import a workspace through its entry point, not a deep path (the shared stylesheet excepted).',
            },
            {
              group: otherFolders.map((f) => `../${f}`),
              message: 'Reach another workspace through its package name, not a relative path.',
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', '**/target/', 'coverage/', '.data/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The GP and link-worker apps' React code: hooks called unconditionally, with complete dependency lists.
    files: [
      'smart-app/**/*.ts',
      'smart-app/**/*.tsx',
      'link-worker-app/**/*.ts',
      'link-worker-app/**/*.tsx',
    ],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  layer(['profiles/**/*.ts'], [], 'profiles'),
  // The contract's domain lists that are FHIR codes come from the profiles, never redefined.
  layer(['contracts/**/*.ts'], ['profiles'], 'contracts'),
  layer(['service-kit/**/*.ts'], [], 'service-kit'),
  layer(['web-kit/**/*.ts'], ['service-kit'], 'web-kit'),
  layer(['sandbox/hapi/**/*.ts'], ['profiles', 'service-kit'], 'sandbox'),
  layer(['sandbox/ehr/**/*.ts'], ['profiles', 'service-kit'], 'sandbox'),
  layer(
    ['fhir-server-adapter/**/*.ts'],
    ['profiles', 'contracts', 'service-kit'],
    'fhir-server-adapter',
  ),
  layer(['sandbox/oruk-feed/**/*.ts'], ['service-kit'], 'sandbox'),
  layer(['smart-app/**/*.ts', 'smart-app/**/*.tsx'], ['profiles', 'web-kit'], 'smart-app'),
  layer(
    ['link-worker-app/**/*.ts', 'link-worker-app/**/*.tsx'],
    ['profiles', 'contracts', 'web-kit'],
    'link-worker-app',
  ),
  // Unit tests beside the code may use the test kit; the code they test may not.
  layer(
    ['fhir-server-adapter/**/*.test.ts', 'fhir-server-adapter/**/*-fixtures.ts'],
    ['profiles', 'contracts', 'service-kit', 'test-kit'],
    'fhir-server-adapter',
  ),
  layer(['test-kit/**/*.ts'], ['fhir-server-adapter', 'profiles', 'service-kit'], 'test-kit'),
  layer(
    ['test/**/*.ts', 'scripts/**/*.ts'],
    PACKAGES.filter((name) => name !== 'test'),
    'test',
  ),
  // Benchmarks reach test-only code through test-kit, never the test workspace's files.
  layer(
    ['bench/**/*.ts'],
    PACKAGES.filter((name) => name !== 'test'),
    'bench',
  ),
  {
    files: ['**/*.cjs', '**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
