import type { SyntheticCase } from './synthetic-cases';

/** How long after a case closed a person may come back, at the earliest, in the demo. */
const RETURN_AFTER_DAYS = 60;
const DAY = 86_400_000;

const referredAt = (c: SyntheticCase): number => Date.parse(c.facts?.referredAt ?? c.receivedAt);

/**
 * Some of the demo's people come back: every 4th closed case (in referral order) lends its
 * Patient and the person's facts (birth date, sex, ethnicity, postcode, practice) to the first
 * later case, referred at least 60 days after it closed, that has not had a person lent yet. The
 * later case keeps its own needs and story, so the view's people and referrals differ as a
 * service's do. Deterministic: the same cases give the same people.
 */
export function withReturningPeople(cases: readonly SyntheticCase[]): SyntheticCase[] {
  const order = cases
    .map((c, index) => ({ c, index }))
    .sort((a, b) => referredAt(a.c) - referredAt(b.c));
  const result = [...cases];
  const borrowed = new Set<number>();
  let closedSeen = 0;
  for (const [position, { c, index }] of order.entries()) {
    // A case that came back is not lent on: each returning person has two cases.
    if (c.closedAt === undefined || borrowed.has(index)) continue;
    closedSeen += 1;
    if (closedSeen % 4 !== 0) continue;
    const earliest = Date.parse(c.closedAt) + RETURN_AFTER_DAYS * DAY;
    const later = order
      .slice(position + 1)
      .find((o) => !borrowed.has(o.index) && referredAt(o.c) >= earliest);
    if (later === undefined) continue;
    borrowed.add(later.index);
    const facts =
      later.c.facts === undefined || c.facts === undefined
        ? later.c.facts
        : {
            ...later.c.facts,
            birthDate: c.facts.birthDate,
            sex: c.facts.sex,
            ethnicity: c.facts.ethnicity,
            postcode: c.facts.postcode,
            practice: c.facts.practice,
          };
    result[later.index] = { ...later.c, patientRef: c.patientRef, facts };
  }
  return result;
}
