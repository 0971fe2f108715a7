import { OUTCOME_MEASURES, higherIsBetter, type OutcomeMeasure } from './outcome-measures';

// The closing summary's letter, as plain text and as HTML, from the same facts (pure).

/** What the link-worker service tells the GP when a referral closes (PRSB "message back to GP"). */
export interface ClosingSummaryFacts {
  /** The person's name as the letter names them (optional: the record already knows them). */
  readonly patientName?: string;
  readonly referredOn?: string;
  readonly closedOn: string;
  /** How it closed, in words: "Discharged", "Did not engage", "Declined", "Not accepted". */
  readonly outcome: string;
  /** Why it closed: the link worker's own words. */
  readonly reason: string;
  readonly support: {
    readonly contactAttempts: number;
    readonly conversations: number;
    readonly meetings: number;
    readonly onward: readonly { readonly service: string; readonly status: string }[];
  };
  /** Goals in the person's words with their status in words; omitted without write-back consent. */
  readonly goals: readonly { readonly description: string; readonly status: string }[];
  readonly outcomes: readonly {
    readonly measure: OutcomeMeasure;
    readonly baseline: number;
    readonly latest: number;
  }[];
  /** True when the person did not agree to goals and outcomes being shared with the practice. */
  readonly writeBackWithheld: boolean;
  readonly gpActions?: string;
  readonly linkWorkerName: string;
  readonly serviceName: string;
  /** How to reach the service (phone, email). */
  readonly serviceContact?: string;
}

const round = (n: number): string => String(Math.round(n * 100) / 100);
const day = (when: string): string => when.slice(0, 10);

/** "SWEMWBS metric score: 15.32 → 25.03, better by 9.71". */
export function outcomeChangeLine(o: ClosingSummaryFacts['outcomes'][number]): string {
  const change = o.latest - o.baseline;
  const better = higherIsBetter(o.measure) ? change > 0 : change < 0;
  const words =
    change === 0 ? 'no change' : `${better ? 'better' : 'worse'} by ${round(Math.abs(change))}`;
  const name = OUTCOME_MEASURES[o.measure].coding.display ?? o.measure;
  return `${name}: ${round(o.baseline)} → ${round(o.latest)}, ${words}`;
}

interface Section {
  readonly heading: string;
  readonly lines: readonly string[];
}

export function letterSections(facts: ClosingSummaryFacts): Section[] {
  const { support } = facts;
  const withheld =
    'The person did not agree to goals and outcome measures being shared with the practice.';
  return [
    {
      heading: 'Why the referral closed',
      lines: [`${facts.outcome} on ${day(facts.closedOn)}: ${facts.reason}`],
    },
    {
      heading: 'Support given',
      lines: [
        `${support.contactAttempts} contact attempts, ${support.conversations} conversations, ${support.meetings} meetings.`,
        ...(support.onward.length === 0
          ? ['No onward referrals to community services.']
          : support.onward.map((o) => `Onward referral: ${o.service} (${o.status})`)),
      ],
    },
    {
      heading: "Goals (in the person's words)",
      lines: facts.writeBackWithheld
        ? [withheld]
        : facts.goals.length === 0
          ? ['No goals were recorded.']
          : facts.goals.map((g) => `${g.description}: ${g.status}`),
    },
    {
      heading: 'Outcome measures (first and latest)',
      lines: facts.writeBackWithheld
        ? [withheld]
        : facts.outcomes.length === 0
          ? ['No outcome measure was repeated.']
          : facts.outcomes.map(outcomeChangeLine),
    },
    {
      heading: 'For the practice',
      lines: [facts.gpActions?.trim() || 'Nothing is asked of the practice.'],
    },
    {
      heading: 'Link worker',
      lines: [
        `${facts.linkWorkerName}, ${facts.serviceName}${facts.serviceContact ? ` (${facts.serviceContact})` : ''}`,
      ],
    },
  ];
}

export function letterTitle(facts: ClosingSummaryFacts): string {
  return `Social prescribing closing summary${facts.patientName ? `: ${facts.patientName}` : ''}`;
}

function intro(facts: ClosingSummaryFacts): string {
  const referred = facts.referredOn === undefined ? '' : ` made on ${day(facts.referredOn)}`;
  return `The social prescribing referral${referred} has closed.`;
}

export function letterText(facts: ClosingSummaryFacts): string {
  const body = letterSections(facts).map(
    (s) => `${s.heading}\n${s.lines.map((l) => `- ${l}`).join('\n')}`,
  );
  return [letterTitle(facts), '', intro(facts), '', body.join('\n\n'), ''].join('\n');
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function letterHtml(facts: ClosingSummaryFacts): string {
  const sections = letterSections(facts)
    .map(
      (s) =>
        `<h2>${escape(s.heading)}</h2><ul>${s.lines.map((l) => `<li>${escape(l)}</li>`).join('')}</ul>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(letterTitle(facts))}</title></head><body><h1>${escape(letterTitle(facts))}</h1><p>${escape(intro(facts))}</p>${sections}</body></html>`;
}
