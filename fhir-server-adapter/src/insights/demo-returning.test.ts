import { demoCases } from './demo-cases';
import { withReturningPeople } from './demo-returning';

const DAY = 86_400_000;
const cases = demoCases({
  count: 240,
  serviceOrg: 'svc',
  workers: ['Practitioner/a'],
  now: new Date('2026-06-30T12:00:00Z'),
});
const returning = withReturningPeople(cases);
const referred = (c: (typeof cases)[number]): number =>
  Date.parse(c.facts?.referredAt ?? c.receivedAt);

describe("the demo's returning people", () => {
  it('gives some people a second case, each with two at most', () => {
    const perPerson = new Map<string, number>();
    for (const c of returning) perPerson.set(c.patientRef, (perPerson.get(c.patientRef) ?? 0) + 1);
    expect(returning).toHaveLength(240);
    expect([...perPerson.values()].filter((n) => n === 2).length).toBeGreaterThanOrEqual(20);
    expect(Math.max(...perPerson.values())).toBe(2);
  });

  it('brings a person back only after their first case closed, keeping who they are', () => {
    const first = new Map(cases.map((c) => [c.patientRef, c]));
    const came = returning.filter((c, i) => c.patientRef !== cases[i]?.patientRef);
    expect(came.length).toBeGreaterThan(0);
    for (const c of came) {
      const earlier = first.get(c.patientRef);
      expect(earlier?.closedAt).toBeDefined();
      expect(referred(c)).toBeGreaterThanOrEqual(Date.parse(earlier?.closedAt ?? '') + 60 * DAY);
      expect(c.facts?.birthDate).toBe(earlier?.facts?.birthDate);
      expect(c.facts?.postcode).toBe(earlier?.facts?.postcode);
      expect(c.id).not.toBe(earlier?.id);
    }
  });

  it('is the same every time', () => {
    expect(withReturningPeople(cases)).toEqual(returning);
  });
});
