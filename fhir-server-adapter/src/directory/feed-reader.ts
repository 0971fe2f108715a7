/** One page of an ORUK `/services` list, as much of it as the importer needs. */
export interface FeedPage {
  readonly pageNumber: number;
  readonly totalPages: number;
  readonly records: readonly unknown[];
}

/** The feed did not answer, or answered with something that is not an ORUK page. */
export class FeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedError';
  }
}

const MAX_PAGES = 10_000;

/** Pages of `<feedUrl>/services`, first to last (stops at `last_page` or `total_pages`). */
export async function* readFeed(feedUrl: string, perPage: number): AsyncGenerator<FeedPage> {
  const base = feedUrl.replace(/\/+$/, '');
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber += 1) {
    let response: Response;
    try {
      response = await fetch(`${base}/services?page=${pageNumber}&per_page=${perPage}`, {
        headers: { accept: 'application/json' },
      });
    } catch {
      throw new FeedError(`The directory feed at ${base} did not answer.`);
    }
    if (!response.ok)
      throw new FeedError(`The directory feed answered ${response.status} for page ${pageNumber}.`);
    const body = (await response.json().catch(() => undefined)) as
      Record<string, unknown> | undefined;
    const contents = body?.contents;
    if (body === undefined || !Array.isArray(contents)) {
      throw new FeedError(
        `Page ${pageNumber} of the directory feed is not an ORUK page (no contents).`,
      );
    }
    const totalPages = typeof body.total_pages === 'number' ? body.total_pages : pageNumber;
    yield { pageNumber, totalPages, records: contents };
    if (body.last_page === true || pageNumber >= totalPages || contents.length === 0) return;
  }
}
