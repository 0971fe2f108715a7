import { join } from 'node:path';
import { Client } from 'pg';
import { startHapi, type HapiServer } from '@linkwell/hapi';
import { profileSuite } from './profile-suite';

// HAPI on PostgreSQL (the launcher's `database: { postgres }`), in a fresh database on the run's
// throwaway PostgreSQL server: the profile contract passes there as on H2.
jest.setTimeout(600_000);
let hapi: HapiServer | undefined;
let databaseUrl = '';

beforeAll(async () => {
  const server = process.env.LINKWELL_TEST_DATABASE_URL ?? '';
  const name = `hapi_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  hapi = await startHapi({
    database: { postgres: url.toString() },
    profilesDir: join(__dirname, '..', '..', 'profiles', 'fhir'),
    startTimeoutMs: 480_000,
  });
});
afterAll(async () => {
  await hapi?.stop();
});

profileSuite(() => hapi?.baseUrl ?? '');

it('kept what the suite wrote in PostgreSQL', async () => {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const rows = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM hfj_resource WHERE res_type = 'StructureDefinition'",
  );
  await db.end();
  expect(rows.rows[0]?.n).toBeGreaterThan(0);
});
