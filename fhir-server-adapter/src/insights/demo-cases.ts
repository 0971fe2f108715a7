import type { SyntheticCase } from './synthetic-cases';
import { seededRandom } from '@linkwell/service-kit';

// Made-up cases for the demo and the benchmark: deterministic (a seeded generator), spread over
// the 18 months before `now`, shaped like a service's work so every section of the view has
// figures: a third of them were referred over a year ago, so healthcare use has people followed
// up for 12 months as well as 6.

export interface DemoOptions {
  readonly count: number;
  readonly serviceOrg: string;
  /** `Practitioner/<id>` of the link workers who hold the cases. */
  readonly workers: readonly string[];
  readonly now: Date;
  /** Same seed, same cases. */
  readonly seed?: number;
  /** Id prefix (`demo` by default); ids are `<prefix>-<n>`. */
  readonly prefix?: string;
}

type Weighted<T> = readonly (readonly [T, number])[];
const PRACTICES: Weighted<string> = [
  ['Riverside Medical Practice', 5],
  ['Hillside Health Centre', 3],
  ['Eastgate Surgery', 2],
];
const NEEDS: Weighted<string> = [
  ['loneliness', 6],
  ['low-mood', 4],
  ['money-debt', 3],
  ['bereavement', 2],
  ['carer-strain', 2],
  ['housing', 2],
  ['physical-inactivity', 2],
  ['stress-anxiety', 3],
];
// NHS Data Dictionary ethnic categories, as UK Core carries them; undefined where not recorded.
const ETHNICITIES: Weighted<string | undefined> = [
  ['White - British', 60],
  ['White - Any other White background', 6],
  ['Asian or Asian British - Indian', 5],
  ['Asian or Asian British - Pakistani', 5],
  ['Black or Black British - African', 5],
  ['Black or Black British - Caribbean', 3],
  ['Mixed - White and Black Caribbean', 2],
  ['Other Ethnic Groups - Any other ethnic group', 2],
  [undefined, 12],
];
// The synthetic lookup's postcodes (fhir-server-adapter/data/imd-lookup.synthetic.csv), most
// deprived first: referrals lean towards the more deprived areas.
const POSTCODES: Weighted<string> = [
  ['ZZ11AA', 8],
  ['ZZ11AB', 7],
  ['ZZ12BA', 6],
  ['ZZ12BB', 5],
  ['ZZ13CC', 5],
  ['ZZ13CD', 4],
  ['ZZ14DA', 3],
  ['ZZ14DB', 3],
  ['ZZ15EA', 2],
  ['ZZ15EB', 2],
];
const SERVICES: Weighted<readonly [`HealthcareService/${string}`, string]> = [
  [['HealthcareService/lw-cs-walking', 'Riverside Ramblers walking group'], 4],
  [['HealthcareService/lw-cs-debt', 'Debt, benefits and housing advice'], 3],
  [['HealthcareService/lw-cs-carers', 'Carers support and breaks'], 2],
  [['HealthcareService/lw-cs-bereavement', 'Bereavement support group'], 2],
  [['HealthcareService/lw-cs-mens-shed', "Men's Shed"], 2],
];
const DECLINE_REASONS: Weighted<string> = [
  ['outside-area', 2],
  ['needs-clinical-service', 2],
  ['not-eligible', 1],
];
const GOALS = [
  'Get out of the house twice a week',
  'Sort out the rent arrears',
  'Sleep better',
  'Meet new people',
];

const DAY = 86_400_000;
/** How far back the referrals go: 18 months, so a third have a whole year after referral. */
const SPAN_DAYS = 548;
type Answer = NonNullable<SyntheticCase['answers']>[number];

function pick<T>(next: () => number, options: Weighted<T>): T {
  const total = options.reduce((sum, [, w]) => sum + w, 0);
  let roll = next() * total;
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = options[options.length - 1];
  if (last === undefined) throw new Error('no options');
  return last[0];
}

const clamp = (n: number, low: number, high: number): number => Math.min(high, Math.max(low, n));

/** The demo's cases, with their facts, contacts, goals, answers and onward referrals. */
export function demoCases(options: DemoOptions): SyntheticCase[] {
  const next = seededRandom(options.seed ?? 11);
  const now = options.now.getTime();
  const prefix = options.prefix ?? 'demo';
  const at = (base: number, days: number): string => new Date(base + days * DAY).toISOString();
  const int = (low: number, high: number): number => low + Math.floor(next() * (high - low + 1));
  return Array.from({ length: options.count }, (_, index): SyntheticCase => {
    const id = `${prefix}-${index + 1}`;
    const ageDays = Math.floor(next() * SPAN_DAYS);
    const referred = now - ageDays * DAY - int(0, 8) * 3_600_000;
    const roll = next();
    const worker = options.workers[int(0, options.workers.length - 1)];
    const base = {
      id,
      serviceOrg: options.serviceOrg,
      taskId: `${id}-task`,
      referralRef: `ServiceRequest/${id}` as const,
      patientRef: `Patient/${id}` as const,
      receivedAt: new Date(referred).toISOString(),
      facts: {
        referredAt: new Date(referred).toISOString(),
        practice: pick(next, PRACTICES),
        needs: [...new Set([pick(next, NEEDS), ...(next() < 0.5 ? [pick(next, NEEDS)] : [])])],
        birthDate: new Date(now - (int(18, 93) * 365.25 + int(0, 364)) * DAY)
          .toISOString()
          .slice(0, 10),
        sex: next() < 0.58 ? 'female' : 'male',
        ethnicity: pick(next, ETHNICITIES),
        postcode: pick(next, POSTCODES),
      },
    };
    if (ageDays < 10 && roll < 0.5) return { ...base, status: 'requested' };
    if (roll < 0.08) {
      return {
        ...base,
        status: 'rejected',
        statusReason: pick(next, DECLINE_REASONS),
        closedAt: at(referred, 2),
      };
    }
    const firstTry = int(1, 9);
    if (roll < 0.16) {
      return {
        ...base,
        status: 'failed',
        businessStatus: 'did-not-engage',
        statusReason: 'unable-to-contact',
        assignedTo: worker,
        contacts: [0, 4, 9].map((d) => ({
          at: at(referred, firstTry + d),
          method: 'phone',
          outcome: 'no-answer',
        })),
        closedAt: at(referred, firstTry + 21),
      };
    }
    const reached = firstTry + (next() < 0.4 ? int(1, 6) : 0);
    const firstContacts = [
      ...(reached > firstTry
        ? [{ at: at(referred, firstTry), method: 'phone', outcome: 'no-answer' }]
        : []),
      { at: at(referred, reached), method: 'phone', outcome: 'reached' },
    ];
    if (roll < 0.22) {
      return {
        ...base,
        status: 'cancelled',
        businessStatus: 'declined',
        statusReason: 'patient-declined',
        assignedTo: worker,
        contacts: firstContacts,
        closedAt: at(referred, reached),
      };
    }
    const meeting = reached + int(3, 21);
    const sessions = int(1, 6);
    const contacts = [
      ...firstContacts,
      { at: at(referred, meeting), method: 'in-person', outcome: 'reached' },
      ...Array.from({ length: sessions }, (_, s) => ({
        at: at(referred, meeting + 14 * (s + 1)),
        method: next() < 0.5 ? 'in-person' : 'phone',
        outcome: next() < 0.85 ? 'reached' : 'no-answer',
      })),
    ].filter((c) => Date.parse(c.at) <= now);
    const closed = ageDays > 110 && next() < 0.8;
    const followUpAt = meeting + int(60, 100);
    const hasFollowUp = followUpAt < ageDays && next() < 0.8;
    const benefit = next() - 0.3; // most improve, some get worse
    const answers: Answer[] = [];
    if (meeting < ageDays) {
      if (next() < 0.85) {
        const items = [int(2, 3), int(2, 3), int(1, 3)];
        answers.push({
          instrument: 'ucla3',
          timing: 'baseline',
          answers: ucla3(items),
          authored: at(referred, meeting),
        });
        if (hasFollowUp) {
          const better = items.map((v) =>
            clamp(v - (next() < benefit ? 1 : 0) + (next() < 0.1 ? 1 : 0), 1, 3),
          );
          answers.push({
            instrument: 'ucla3',
            timing: 'follow-up',
            answers: ucla3(better),
            authored: at(referred, followUpAt),
          });
        }
      }
      if (next() < 0.75) {
        const score = int(1, 4);
        const items = Array.from({ length: 7 }, () => clamp(score + int(-1, 1), 1, 5));
        answers.push({
          instrument: 'swemwbs',
          timing: 'baseline',
          answers: swemwbs(items),
          authored: at(referred, meeting),
        });
        if (hasFollowUp) {
          const better = items.map((v) =>
            clamp(v + (next() < benefit ? 1 : 0) - (next() < 0.1 ? 1 : 0), 1, 5),
          );
          answers.push({
            instrument: 'swemwbs',
            timing: 'follow-up',
            answers: swemwbs(better),
            authored: at(referred, followUpAt),
          });
        }
      }
      if (next() < 0.6) {
        const items = [int(2, 7), int(2, 7), int(2, 7), int(3, 9)];
        answers.push({
          instrument: 'ons4',
          timing: 'baseline',
          answers: ons4(items),
          authored: at(referred, meeting),
        });
        if (hasFollowUp) {
          const lift = Math.round(benefit * 4);
          const [l = 5, w = 5, h = 5, a = 5] = items;
          const better = [
            clamp(l + lift, 0, 10),
            clamp(w + lift, 0, 10),
            clamp(h + lift + int(-1, 1), 0, 10),
            clamp(a - lift, 0, 10),
          ];
          answers.push({
            instrument: 'ons4',
            timing: 'follow-up',
            answers: ons4(better),
            authored: at(referred, followUpAt),
          });
        }
      }
    }
    const onward = Array.from({ length: meeting < ageDays ? int(0, 2) : 0 }, (_, o) => {
      const [serviceRef, serviceName] = pick(next, SERVICES);
      const state = next();
      return {
        serviceRef,
        serviceName,
        status: onwardStatus(state),
        authoredOn: at(referred, meeting + 7 * (o + 1)),
      };
    }).filter((o) => Date.parse(o.authoredOn) <= now);
    return {
      ...base,
      ...(closed
        ? {
            status: 'completed' as const,
            businessStatus: 'discharged' as const,
            // After the last session and the follow-up, not (for the older cases) a year on.
            closedAt: at(
              referred,
              Math.min(ageDays - int(0, 10), Math.max(followUpAt, meeting + 14 * sessions) + 14),
            ),
          }
        : {
            status: 'in-progress' as const,
            businessStatus: 'follow-up' as const,
            followUpDue: at(now, int(-20, 30)).slice(0, 10),
          }),
      assignedTo: worker,
      contacts,
      goals: Array.from({ length: int(1, 3) }, (_, g) => ({
        description: GOALS[(index + g) % GOALS.length] ?? 'A goal',
        startDate: at(referred, meeting).slice(0, 10),
      })),
      answers,
      onward,
    };
  });
}

function onwardStatus(roll: number): 'completed' | 'active' | 'revoked' {
  return roll < 0.55 ? 'completed' : roll < 0.85 ? 'active' : 'revoked';
}
function ucla3([a = 2, b = 2, c = 2]: readonly number[]): Record<string, number> {
  return { 'lack-companionship': a, 'left-out': b, isolated: c };
}
function swemwbs(items: readonly number[]): Record<string, number> {
  return Object.fromEntries(items.map((v, i) => [`swemwbs-${i + 1}`, v]));
}
function ons4([l = 5, w = 5, h = 5, a = 5]: readonly number[]): Record<string, number> {
  return { 'life-satisfaction': l, worthwhile: w, happiness: h, anxiety: a };
}
