import { createServer, type Server } from 'node:http';

/** One request the FHIR server made to the rest-hook, as the counter saw it. */
export interface Delivery {
  readonly method: string;
  /** `Task/<id>` or `Consent/<id>` from the path. */
  readonly resource: string;
  readonly versionId: string | undefined;
  /** What the adapter answered. */
  readonly status: number;
  /** When the request reached the counter, and when the adapter had answered (ms since epoch). */
  readonly receivedAt: number;
  readonly answeredAt: number;
}

export interface HookCounter {
  /** The counter's base URL: give it to the adapter as its public URL. */
  readonly url: string;
  readonly deliveries: Delivery[];
  /** Where the requests go on to (the adapter, once it is listening). */
  forwardTo(url: string): void;
  /** How many times each version of `resource` was delivered. */
  perVersion(resource: string): Map<string, number>;
  close(): Promise<void>;
}

/**
 * Stands between HAPI and the adapter's `/fhir-hook`, counting every delivery and passing each on
 * unchanged (the adapter's answer goes back to HAPI as it is, so HAPI judges the real reply).
 */
export async function startHookCounter(): Promise<HookCounter> {
  const deliveries: Delivery[] = [];
  let target = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const receivedAt = Date.now();
      const body = Buffer.concat(chunks);
      let versionId: string | undefined;
      try {
        versionId = (JSON.parse(body.toString('utf8')) as { meta?: { versionId?: string } }).meta
          ?.versionId;
      } catch {
        versionId = undefined;
      }
      const resource = /\/((?:Task|Consent)\/[^/?]+)/.exec(req.url ?? '')?.[1] ?? req.url ?? '';
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'content-length'].includes(name)) {
          headers.set(name, value);
        }
      }
      fetch(`${target}${req.url ?? ''}`, {
        method: req.method,
        headers,
        body: body.length === 0 ? undefined : body,
      })
        .then(async (answer) => {
          deliveries.push({
            method: req.method ?? '',
            resource,
            versionId,
            status: answer.status,
            receivedAt,
            answeredAt: Date.now(),
          });
          res.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? 'text/plain',
          });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => {
          const at = Date.now();
          deliveries.push({
            method: req.method ?? '',
            resource,
            versionId,
            status: 502,
            receivedAt,
            answeredAt: at,
          });
          res.writeHead(502).end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    forwardTo(url) {
      target = url;
    },
    perVersion(resource) {
      const counts = new Map<string, number>();
      for (const d of deliveries.filter((x) => x.resource === resource)) {
        const key = d.versionId ?? '?';
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
