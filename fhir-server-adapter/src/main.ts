import { loadConfig } from './config';
import { startAdapter } from './adapter';

// `tsx src/main.ts`: start with the environment's config; stop cleanly on Ctrl+C.
async function main(): Promise<void> {
  const adapter = await startAdapter(loadConfig(process.env));
  process.stdout.write(`Link-worker adapter at ${adapter.url}\n`);
  const stop = (): void => {
    void adapter.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
