import type { Bundle, FhirResource } from 'fhir/r4';

/**
 * The paging ids (`_getpages`) the proxy has handed out, per client and launch patient: a page is
 * served only to the holder it was issued to, so another search's page id (guessed or leaked)
 * reveals nothing, not even its `total`. In memory, oldest forgotten first (HAPI expires them too).
 */
export class PageRegistry {
  private readonly issued = new Set<string>();

  constructor(private readonly capacity = 20_000) {}

  /** Remembers every `_getpages` id in the links of a searchset the holder is about to receive. */
  record(holder: string, body: FhirResource | undefined): void {
    if (body?.resourceType !== 'Bundle') return;
    // Searches inside a batch have their own paging links.
    for (const entry of body.entry ?? []) {
      if (entry.resource?.resourceType === 'Bundle') this.record(holder, entry.resource as Bundle);
    }
    for (const link of body.link ?? []) {
      const id = pageIdOf(link.url);
      if (id === undefined) continue;
      const key = `${holder}\n${id}`;
      this.issued.delete(key);
      this.issued.add(key);
    }
    while (this.issued.size > this.capacity) {
      const oldest = this.issued.values().next().value;
      if (oldest === undefined) break;
      this.issued.delete(oldest);
    }
  }

  wasIssued(holder: string, pageId: string | null): boolean {
    return pageId !== null && this.issued.has(`${holder}\n${pageId}`);
  }
}

function pageIdOf(url: string): string | undefined {
  const at = url.indexOf('?');
  if (at === -1) return undefined;
  return new URLSearchParams(url.slice(at + 1)).get('_getpages') ?? undefined;
}

/** Who a page belongs to: the client and, for a launch, its patient. */
export function pageHolder(clientId: string | undefined, patient: string | undefined): string {
  return `${clientId ?? '?'}|${patient ?? ''}`;
}
