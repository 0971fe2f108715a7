import { ensureSmartAppBuilt } from './build';
import { serveSmartApp } from './serve';

// `npm start -w smart-app`: the GP app on SMART_APP_PORT (default 8091).
async function main(): Promise<void> {
  const raw = process.env.SMART_APP_PORT ?? '8091';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`SMART_APP_PORT must be a port number, not "${raw}".`);
  }
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const distDir = await ensureSmartAppBuilt(log);
  // The EHRs that may frame the app and that it calls (CSP); loopback on any port when unset.
  const ehrOrigins = process.env.SMART_APP_EHR_ORIGINS?.split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  const server = await serveSmartApp({ port, distDir, ...(ehrOrigins ? { ehrOrigins } : {}) });
  log(`GP SMART app: ${server.url} (launch URL ${server.url}/launch.html)`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
