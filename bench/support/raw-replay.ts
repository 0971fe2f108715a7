import { randomUUID } from 'node:crypto';
import type { Bundle } from 'fhir/r4';
import type { FhirGateway } from '@linkwell/fhir-server-adapter';

// The raw ceiling: the very transaction Bundles the adapter sent, posted again straight to HAPI
// with fresh identifiers (so each conditional create creates), fresh Provenance ids and no
// If-Match (so each Task PUT writes): HAPI's work for the same load, without the adapter's.

/** A gateway that keeps a copy of every transaction Bundle it sends. */
export function recordingGateway(gateway: FhirGateway, sent: Bundle[]): FhirGateway {
  const recording = Object.create(gateway) as FhirGateway;
  recording.transaction = (bundle: Bundle) => {
    sent.push(structuredClone(bundle));
    return gateway.transaction(bundle);
  };
  return recording;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The Bundle with every UUID (record identifiers, urn:uuids) and Provenance id made new. */
export function freshCopy(bundle: Bundle, suffix: string): Bundle {
  const fresh = new Map<string, string>();
  const json = JSON.stringify(bundle)
    .replace(UUID, (id) => {
      let next = fresh.get(id);
      if (next === undefined) fresh.set(id, (next = randomUUID()));
      return next;
    })
    .replace(/lwprov-([0-9a-f]+)/g, (_all, hash: string) => `lwprov-${hash.slice(0, 40)}${suffix}`);
  const copy = JSON.parse(json) as Bundle;
  for (const entry of copy.entry ?? []) {
    if (entry.request) delete entry.request.ifMatch;
  }
  return copy;
}

/** The Task a Bundle writes, if any: two Bundles writing one Task are never posted at once. */
const taskOf = (bundle: Bundle): string | undefined =>
  bundle.entry?.find((e) => e.request?.url.startsWith('Task/') === true)?.request?.url;

/**
 * Posts the Bundles `concurrency` at a time (as many as the adapter had in flight), in order
 * within each stream; the Bundles writing one Task always in the same stream. Resources written
 * and seconds taken.
 */
export async function replayRaw(
  base: string,
  bundles: readonly Bundle[],
  concurrency = 1,
): Promise<{ resources: number; seconds: number }> {
  const suffix = Date.now().toString(36);
  const streams: Bundle[][] = Array.from({ length: Math.max(1, concurrency) }, () => []);
  const streamOfTask = new Map<string, number>();
  bundles.forEach((b, i) => {
    const task = taskOf(b);
    let stream = i % streams.length;
    if (task !== undefined) {
      stream = streamOfTask.get(task) ?? stream;
      streamOfTask.set(task, stream);
    }
    streams[stream]?.push(freshCopy(b, suffix));
  });
  const started = performance.now();
  let resources = 0;
  await Promise.all(
    streams.map(async (stream) => {
      for (const bundle of stream) {
        const response = await fetch(base, {
          method: 'POST',
          headers: { 'content-type': 'application/fhir+json' },
          body: JSON.stringify(bundle),
        });
        const text = await response.text();
        if (!response.ok)
          throw new Error(`raw replay: HTTP ${response.status} ${text.slice(0, 300)}`);
        resources += bundle.entry?.length ?? 0;
      }
    }),
  );
  return { resources, seconds: (performance.now() - started) / 1000 };
}
