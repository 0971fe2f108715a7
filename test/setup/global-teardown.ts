export default async function globalTeardown(): Promise<void> {
  await globalThis.linkwellHapi?.stop();
  globalThis.linkwellHapi = undefined;
}
