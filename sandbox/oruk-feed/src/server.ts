import { createServer, type Server } from 'node:http';
import type { OrukPage, OrukService } from './types';

export interface OrukFeedOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** The records to publish; replace them later with `publish` (tests change the feed). */
  readonly services: readonly unknown[];
}

export interface RunningOrukFeed {
  /** The API base, e.g. http://localhost:8093 (the feed's `/services` hangs off it). */
  readonly url: string;
  /** Publishes a new set of records (what the next import will read). */
  publish(services: readonly unknown[]): void;
  /** How many `/services` pages were served, to show an import read the whole feed. */
  readonly pagesServed: () => number;
  stop(): Promise<void>;
}

const MAX_PER_PAGE = 500;

/** One page of the HSDS paged list: 1-based page, `per_page` records. */
export function page(all: readonly unknown[], pageNumber: number, perPage: number): OrukPage {
  const size = Math.min(Math.max(1, perPage), MAX_PER_PAGE);
  const totalPages = Math.max(1, Math.ceil(all.length / size));
  const number = Math.min(Math.max(1, pageNumber), totalPages);
  const contents = all.slice((number - 1) * size, number * size) as OrukService[];
  return {
    total_items: all.length,
    total_pages: totalPages,
    page_number: number,
    size: contents.length,
    first_page: number === 1,
    last_page: number === totalPages,
    empty: contents.length === 0,
    contents,
  };
}

function positive(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return raw !== null && Number.isInteger(n) && n > 0 ? n : fallback;
}

/** A read-only ORUK-shaped API: `GET /services` (paged), `GET /services/:id`, `GET /`. */
export async function startOrukFeed(options: OrukFeedOptions): Promise<RunningOrukFeed> {
  let services = options.services;
  let pages = 0;
  const server: Server = createServer((req, res): void => {
    const url = new URL(req.url ?? '/', 'http://feed');
    const send = (status: number, body: unknown): void => {
      // ORUK asks every feed to allow any origin (its compliance rules, "Security").
      res.writeHead(status, {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
      });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') {
      send(405, { message: 'This feed is read-only.' });
      return;
    }
    if (url.pathname === '/' || url.pathname === '') {
      send(200, { version: '3.0', profile: 'https://openreferraluk.org/profile/3.0' });
      return;
    }
    if (url.pathname === '/services') {
      pages += 1;
      send(
        200,
        page(
          services,
          positive(url.searchParams.get('page'), 1),
          positive(url.searchParams.get('per_page'), 50),
        ),
      );
      return;
    }
    const one = /^\/services\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const found = services.find((s) => (s as { id?: unknown }).id === one[1]);
      if (found === undefined) send(404, { message: 'No such service.' });
      else send(200, found);
      return;
    }
    send(404, { message: 'No such endpoint.' });
  });
  await new Promise<void>((resolve) => server.listen(options.port, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://localhost:${port}`,
    publish(next) {
      services = next;
    },
    pagesServed: () => pages,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
