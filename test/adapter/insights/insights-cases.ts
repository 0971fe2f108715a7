import type { insights } from '@linkwell/fhir-server-adapter';

type SyntheticCase = insights.SyntheticCase;

// Ten cases whose figures are worked out by hand in insights-report.int.test.ts.
const day = (base: string, days: number): string =>
  new Date(Date.parse(base) + days * 86_400_000).toISOString();
const ucla = (a: number, b: number, c: number): Record<string, number> => ({
  'lack-companionship': a,
  'left-out': b,
  isolated: c,
});

export function handWorkedCases(serviceOrg: string, prefix: string): SyntheticCase[] {
  const A = 'Practitioner/wa';
  const B = 'Practitioner/wb';
  // [baseline, follow-up] UCLA-3 answers of cases 1-6: totals 9->6, 8->7, 7->7, 6->4, 6->5, 9->5
  const loneliness: [number[], number[]][] = [
    [
      [3, 3, 3],
      [2, 2, 2],
    ],
    [
      [3, 3, 2],
      [3, 2, 2],
    ],
    [
      [3, 2, 2],
      [3, 2, 2],
    ],
    [
      [2, 2, 2],
      [2, 1, 1],
    ],
    [
      [2, 2, 2],
      [2, 2, 1],
    ],
    [
      [3, 3, 3],
      [2, 2, 1],
    ],
  ];
  const firstContactDays = [1, 2, 3, 4, 5, 10];
  return Array.from({ length: 10 }, (_, index): SyntheticCase => {
    const n = index + 1;
    const referredAt =
      n <= 6
        ? `2026-01-${String(4 + n).padStart(2, '0')}T09:00:00.000Z`
        : `2026-02-${String(n - 6).padStart(2, '0')}T09:00:00.000Z`;
    const open = n <= 5;
    const status =
      n <= 5
        ? ({ status: 'in-progress', businessStatus: 'follow-up' } as const)
        : n === 6
          ? ({ status: 'completed', businessStatus: 'discharged' } as const)
          : n === 7
            ? ({ status: 'rejected', statusReason: 'outside-area' } as const)
            : n === 8
              ? ({
                  status: 'cancelled',
                  businessStatus: 'declined',
                  statusReason: 'patient-declined',
                } as const)
              : n === 9
                ? ({
                    status: 'failed',
                    businessStatus: 'did-not-engage',
                    statusReason: 'unable-to-contact',
                  } as const)
                : ({ status: 'requested' } as const);
    const pair = loneliness[index];
    const contacts =
      n <= 6
        ? [
            {
              at: day(referredAt, firstContactDays[index] ?? 0),
              method: 'phone',
              outcome: 'reached',
            },
            ...(n <= 2
              ? [{ at: day(referredAt, 6 + n), method: 'in-person', outcome: 'reached' }]
              : []),
          ]
        : n === 9
          ? [{ at: day(referredAt, 2), method: 'phone', outcome: 'no-answer' }]
          : [];
    return {
      id: `${prefix}-${n}`,
      serviceOrg,
      taskId: `${prefix}-task-${n}`,
      referralRef: `ServiceRequest/${prefix}-${n}`,
      patientRef: `Patient/${prefix}-${n}`,
      ...status,
      assignedTo: n <= 8 ? A : n === 9 ? B : undefined,
      receivedAt: referredAt,
      facts: {
        referredAt,
        practice: n <= 7 ? 'Riverside Surgery' : 'Hillside Practice',
        needs: n <= 2 ? ['loneliness', 'bereavement'] : n <= 6 ? ['loneliness'] : ['money-debt'],
        birthDate: n <= 5 ? '1950-06-01' : n === 6 ? '1990-01-01' : '1980-03-03',
        sex: n <= 6 ? 'female' : 'male',
        ethnicity: n <= 6 ? 'White - British' : undefined,
        postcode: n <= 6 ? 'ZZ11AA' : 'ZZ15EB',
      },
      contacts,
      // Cases 3-5 record the first meeting as a status (days 9, 10, 20).
      firstMeetingAt: n >= 3 && n <= 5 ? day(referredAt, [9, 10, 20][n - 3] ?? 0) : undefined,
      followUpDue: open ? '2026-02-01' : undefined,
      answers:
        pair === undefined
          ? []
          : [
              {
                instrument: 'ucla3',
                timing: 'baseline',
                answers: ucla(...(pair[0] as [number, number, number])),
                authored: day(referredAt, 1),
              },
              // Case 3 has an earlier follow-up (total 8) that the later one (7) replaces.
              ...(n === 3
                ? [
                    {
                      instrument: 'ucla3' as const,
                      timing: 'follow-up' as const,
                      answers: ucla(3, 3, 2),
                      authored: day(referredAt, 30),
                    },
                  ]
                : []),
              {
                instrument: 'ucla3',
                timing: 'follow-up',
                answers: ucla(...(pair[1] as [number, number, number])),
                authored: day(referredAt, 60),
              },
              ...(n <= 3
                ? ([
                    {
                      instrument: 'swemwbs',
                      timing: 'baseline',
                      answers: swemwbs(3),
                      authored: day(referredAt, 1),
                    },
                    {
                      instrument: 'swemwbs',
                      timing: 'follow-up',
                      answers: swemwbs(4),
                      authored: day(referredAt, 60),
                    },
                  ] as const)
                : []),
            ],
      onward:
        n <= 6
          ? [
              {
                serviceRef: 'HealthcareService/lw-cs-walking',
                serviceName: 'Riverside walking group',
                status: n <= 5 ? 'completed' : 'active',
                authoredOn: day(referredAt, 14),
              },
            ]
          : [],
    };
  });
}

function swemwbs(answer: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`swemwbs-${i + 1}`, answer]));
}

/**
 * People, not cases (insights-people.int.test.ts): eight cases of seven people. Person P was
 * referred twice (cases p1 and p2, the same Patient) and moved between them (decile 1 to 10);
 * q, r, s and t have one case each; l1 and l2 are local-only cases (the test clears their
 * Patient), each a person of its own. UCLA-3 totals [baseline, follow-up] and when answered:
 *   p1 (2025-10-01): 9 on 10-02 -> 7 on 11-30;  p2 (2026-01-05): 8 on 01-06 -> 4 on 02-20
 *   q 8 -> 7, r 6 -> 6, s 7 -> 5, t 6 -> 7, l1 9 -> 8, l2 7 -> 7
 * p1, p2 and q have the patient's consent to share (healthcare use).
 */
export function onePersonTwoCases(serviceOrg: string, prefix: string): SyntheticCase[] {
  const totals: Record<string, [number[], number[]]> = {
    p1: [
      [3, 3, 3],
      [3, 2, 2],
    ],
    p2: [
      [3, 3, 2],
      [2, 1, 1],
    ],
    q: [
      [3, 3, 2],
      [3, 2, 2],
    ],
    r: [
      [2, 2, 2],
      [2, 2, 2],
    ],
    s: [
      [3, 2, 2],
      [2, 2, 1],
    ],
    t: [
      [2, 2, 2],
      [3, 2, 2],
    ],
    l1: [
      [3, 3, 3],
      [3, 3, 2],
    ],
    l2: [
      [3, 2, 2],
      [3, 2, 2],
    ],
  };
  const referred: Record<string, string> = {
    p1: '2025-10-01',
    p2: '2026-01-05',
    q: '2025-09-01',
    r: '2025-11-03',
    s: '2025-11-10',
    t: '2025-11-17',
    l1: '2025-12-01',
    l2: '2025-12-08',
  };
  return Object.entries(totals).map(([key, [baseline, followUp]]): SyntheticCase => {
    const referredAt = `${referred[key] ?? ''}T09:00:00.000Z`;
    const person = key === 'p1' || key === 'p2' ? 'p' : key;
    return {
      id: `${prefix}-${key}`,
      serviceOrg,
      taskId: `${prefix}-task-${key}`,
      referralRef: `ServiceRequest/${prefix}-${key}`,
      patientRef: `Patient/${prefix}-${person}`,
      status: key === 'p1' ? 'completed' : 'in-progress',
      ...(key === 'p1' ? { businessStatus: 'discharged' as const } : {}),
      receivedAt: referredAt,
      facts: {
        referredAt,
        practice: 'Riverside Surgery',
        needs: ['loneliness'],
        birthDate: '1950-06-01',
        sex: 'female',
        ethnicity: 'White - British',
        postcode: key === 'p2' ? 'ZZ15EB' : 'ZZ11AA',
      },
      ...(['p1', 'p2', 'q'].includes(key) ? { consent: 'shared' as const } : {}),
      answers: [
        {
          instrument: 'ucla3',
          timing: 'baseline',
          answers: ucla(...(baseline as [number, number, number])),
          authored: day(referredAt, 1),
        },
        {
          instrument: 'ucla3',
          timing: 'follow-up',
          answers: ucla(...(followUp as [number, number, number])),
          authored: day(referredAt, key === 'p1' ? 60 : 46),
        },
      ],
    };
  });
}
