export default async function globalTeardown(): Promise<void> {
  await globalThis.linkwellEhr?.stop();
  globalThis.linkwellEhr = undefined;
  await globalThis.linkwellHapi?.stop();
  globalThis.linkwellHapi = undefined;
}
