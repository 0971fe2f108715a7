import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort } from '@linkwell/service-kit';
import { SEED, startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import { ensureSmartAppBuilt, serveSmartApp, type SmartAppServer } from '@linkwell/smart-app';
import { testFhirBase } from '../../support/fhir-http';

// Everything a GP-app browser test needs: the built app served on free ports, an EHR sandbox in front
// of the run's ONE HAPI server with the app registered at those ports, and Debian's Chromium.

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The app asks for less than it needs under this client id: the proxy answers 403. */
export const NARROW_CLIENT = 'linkwell-gp-app-narrow';
const NARROW_SCOPES = [
  'patient/Patient.r patient/ServiceRequest.crs patient/Task.crs patient/Consent.crus',
  'patient/Observation.rs patient/DocumentReference.rs',
  'user/Organization.rs user/OrganizationAffiliation.rs user/PractitionerRole.rs user/Practitioner.r',
].join(' ');

export interface GpHarness {
  ehr: EhrSandbox;
  app: SmartAppServer;
  narrowApp: SmartAppServer;
  browser: Browser;
  stop(): Promise<void>;
}

function registration(clientId: string, url: string): Record<string, unknown> {
  return {
    client_id: clientId,
    client_name: 'Linkwell GP app (test)',
    launch_uri: `${url}/launch.html`,
    redirect_uris: [`${url}/`],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    smart_scope_contexts: ['patient', 'user'],
  };
}

export async function startGpHarness(): Promise<GpHarness> {
  const distDir = await ensureSmartAppBuilt();
  const [appPort, narrowPort] = [await freePort(), await freePort()];
  const app = await serveSmartApp({ port: appPort, distDir });
  const narrowApp = await serveSmartApp({
    port: narrowPort,
    distDir,
    appConfig: { clientId: NARROW_CLIENT, resourceScopes: NARROW_SCOPES },
  });
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-e2e-gp-'));
  const clientsFile = join(dir, 'clients.json');
  writeFileSync(
    clientsFile,
    JSON.stringify({
      clients: [
        registration('linkwell-gp-app', app.url),
        registration(NARROW_CLIENT, narrowApp.url),
      ],
    }),
  );
  // The seed is already in HAPI (global setup's sandbox loaded it); this sandbox only adds the app.
  const ehr = await startEhrSandbox({
    fhirUpstream: testFhirBase(),
    clientsFiles: [clientsFile],
    keysDir: join(dir, 'keys'),
    loadSeed: false,
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    ehr,
    app,
    narrowApp,
    browser,
    stop: async () => {
      await browser.close();
      await ehr.stop();
      await app.close();
      await narrowApp.close();
    },
  };
}

/** The sandbox's script-friendly EHR launch of the app for a patient, as the first seed GP. */
export function launchUrl(harness: GpHarness, patientId: string, appUrl = harness.app.url): string {
  const query = new URLSearchParams({
    patient: patientId,
    practitioner: SEED.gps[0] ?? '',
    launch_uri: `${appUrl}/launch.html`,
    need_patient_banner: 'true',
  });
  return `${harness.ehr.baseUrl}/launch?${query.toString()}`;
}

/**
 * FHIR requests the page makes after the token response: the dashboard's round trips. The live
 * updates' change probe (a batch of `_summary=count` searches) is listed as `POST /fhir/ (changes)`.
 */
export function countFhirRequestsAfterToken(
  page: Page,
  ehrBase: string,
  options: { fromNow?: boolean } = {},
): () => string[] {
  const seen: string[] = [];
  let tokenSeen = options.fromNow ?? false;
  page.on('request', (request) => {
    const url = request.url();
    if (url === `${ehrBase}/token` && request.method() === 'POST') {
      tokenSeen = true;
      seen.push('token');
    } else if (tokenSeen && url.startsWith(`${ehrBase}/fhir`) && request.method() !== 'OPTIONS') {
      const probe = (request.postData() ?? '').includes('_summary=count') ? ' (changes)' : '';
      seen.push(`${request.method()} ${url.slice(ehrBase.length)}${probe}`);
    }
  });
  return () => [...seen];
}

/** The requests that are not the change probe's: what a launch or reload itself costs. */
export function withoutProbes(requests: readonly string[]): string[] {
  return requests.filter((request) => !request.endsWith(' (changes)'));
}

// One axe-core runner for every browser suite (evaluated, so the apps' CSP stays strict).
export { seriousAxeViolations } from '../../support/axe';
