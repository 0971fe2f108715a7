import { createServer, type Server } from 'node:http';
import smart from 'fhirclient';
import type { Patient } from 'fhir/r4';
import { SEED } from '@linkwell/ehr-sandbox';
import { ehrBase, ehrEnv } from './support/ehr-env';
import { browse } from './support/smart-flow';

// A real SMART client (fhirclient, Node API) completes an EHR launch against the sandbox.
const memory = new Map<string, unknown>();
const storage = {
  set: (key: string, value: unknown) => {
    memory.set(key, value);
    return Promise.resolve(value);
  },
  get: (key: string) => Promise.resolve(memory.get(key)),
  unset: (key: string) => Promise.resolve(memory.delete(key)),
};
let app: Server;
const port = Number(ehrEnv('LINKWELL_TEST_EHR_APP_PORT'));
const appBase = `http://127.0.0.1:${port}`;

beforeAll(async () => {
  app = createServer((req, res) => {
    const client = smart(req, res, storage);
    if (req.url?.startsWith('/launch') === true) {
      void client.authorize({
        clientId: 'test-fhirclient',
        scope: 'launch openid fhirUser patient/*.rs',
        redirectUri: `${appBase}/app`,
      });
      return;
    }
    client
      .ready()
      .then(async (fhir) => {
        const patient = await fhir.patient.read();
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ patient, user: fhir.getFhirUser() }));
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
  await new Promise<void>((resolve) => app.listen(port, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => app.close(resolve));
});

it('completes an EHR launch with fhirclient and reads the patient', async () => {
  const query = new URLSearchParams({
    patient: SEED.patients.longTermConditionsLowMood,
    practitioner: SEED.gps[0] ?? '',
    launch_uri: `${appBase}/launch`,
  });
  const launch = await browse(ehrBase(), `${ehrBase()}/launch?${query.toString()}`);
  expect(launch.location?.searchParams.get('iss')).toBe(`${ehrBase()}/fhir`);
  const toAuthorize = await fetch(launch.location?.href ?? '', { redirect: 'manual' });
  const authorizeUrl = toAuthorize.headers.get('location') ?? '';
  expect(new URL(authorizeUrl).searchParams.get('code_challenge_method')).toBe('S256');
  const approved = await browse(ehrBase(), authorizeUrl);
  expect(approved.location?.href.startsWith(`${appBase}/app`)).toBe(true);
  const result = await fetch(approved.location?.href ?? '');
  const body = (await result.json()) as { patient: Patient; user: string };
  expect(result.status).toBe(200);
  expect(body.patient.id).toBe(SEED.patients.longTermConditionsLowMood);
  expect(body.user).toBe(`Practitioner/${SEED.gps[0] ?? ''}`);
});
