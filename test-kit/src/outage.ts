import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from '@linkwell/service-kit';

// An outage of the EHR's FHIR endpoint: a TCP forwarder in front of HAPI on a port of its own.
// Down, nothing listens on that port (connections are refused, open ones are cut); up again, it
// forwards as before. The adapter is pointed at the forwarder and never told.

export interface Outage {
  /** The FHIR base through the forwarder. */
  readonly base: string;
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

export async function outageSwitch(target: string): Promise<Outage> {
  const upstream = new URL(target);
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const next = createServer((client) => {
        const far = connect(Number(upstream.port), upstream.hostname);
        for (const socket of [client, far]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            far.destroy();
          });
        }
        client.pipe(far).pipe(client);
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        server = next;
        resolve();
      });
    });
  const close = async (): Promise<void> => {
    const current = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (current) await new Promise((resolve) => current.close(resolve));
  };
  await listen();
  return {
    base: `http://127.0.0.1:${String(port)}${upstream.pathname}`,
    down: close,
    up: listen,
    stop: close,
  };
}
