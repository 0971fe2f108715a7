import { stopPostgresOnce } from './postgres-once';

export default async function globalTeardown(): Promise<void> {
  await stopPostgresOnce();
  await globalThis.linkwellEhr?.stop();
  globalThis.linkwellEhr = undefined;
  await globalThis.linkwellHapi?.stop();
  globalThis.linkwellHapi = undefined;
}
