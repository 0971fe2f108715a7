import type { Page } from 'playwright-core';
import type { Gestures } from './gestures';

// One whole episode as a link worker does it in the link-worker app, from the caseload to
// discharge, through counted gestures only: accept, two contact attempts, two goals, the three
// baselines, an onward referral, the next follow-up, the three follow-ups, discharge.

export const GOALS = ['Go to the lunch club on Tuesdays', 'Phone my sister every Sunday'];

/** The answers given at the baseline and at the follow-up, per instrument (same data both UIs). */
export const ANSWERS = {
  baseline: { ons4: [4, 3, 4, 7], swemwbs: [2, 2, 2, 2, 2, 2, 2], ucla3: [3, 3, 2] },
  followUp: { ons4: [7, 7, 6, 4], swemwbs: [4, 4, 4, 4, 4, 4, 4], ucla3: [2, 1, 1] },
} as const;

type Answers = (typeof ANSWERS)['baseline'] | (typeof ANSWERS)['followUp'];

const ONS4_LABELS = [
  'Overall, how satisfied are you with your life nowadays?',
  'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
  'Overall, how happy did you feel yesterday?',
  /how anxious did you feel yesterday\?/,
];
const UCLA3_LABELS = [
  'How often do you feel that you lack companionship?',
  'How often do you feel left out?',
  'How often do you feel isolated from others?',
];

export type AnswerBy = 'pointer' | 'keyboard';

/**
 * One answer: by pointer, a click or tap on the choice's radio in the question's group; by
 * keyboard, Tab into the group and the arrow keys to the choice (`index` among the choices), then
 * a check that the radio the label names is the one chosen.
 */
async function answer(
  page: Page,
  g: Gestures,
  by: AnswerBy,
  question: string | RegExp,
  choice: number | string,
  index: number,
  first: boolean,
): Promise<void> {
  const radio = page
    .getByRole('group', { name: question })
    .getByLabel(String(choice), { exact: true });
  // By keyboard too, the first answer of a questionnaire is a click: it puts the focus in the form.
  if (by === 'pointer' || first) {
    await g.click(radio);
    return;
  }
  await g.press('Tab');
  if (index === 0) await g.press('Space');
  for (let i = 0; i < index; i += 1) await g.press('ArrowRight');
  if (!(await radio.isChecked())) throw new Error(`the keyboard did not choose ${String(choice)}`);
}

const SWEMWBS_WORDS = [
  'None of the time',
  'Rarely',
  'Some of the time',
  'Often',
  'All of the time',
];
const UCLA3_WORDS = ['Hardly ever', 'Some of the time', 'Often'];

/** The three questionnaires on the Measures section, answered one after another, saved together. */
async function recordMeasures(
  page: Page,
  g: Gestures,
  answers: Answers,
  timing: 'baseline' | 'follow-up',
  by: AnswerBy,
): Promise<void> {
  // The form shows the set, each saying whether it records a baseline or a follow-up.
  await page.getByRole('group', { name: `ONS4 personal wellbeing: ${timing}` }).waitFor();
  for (const [i, label] of ONS4_LABELS.entries()) {
    const value = answers.ons4[i] ?? 0;
    await answer(page, g, by, label, value, value, i === 0);
  }
  await page.getByRole('group', { name: `SWEMWBS wellbeing: ${timing}` }).waitFor();
  for (const [i, value] of answers.swemwbs.entries())
    await answer(
      page,
      g,
      by,
      `Statement ${i + 1}`,
      SWEMWBS_WORDS[value - 1] ?? '',
      value - 1,
      false,
    );
  await page.getByRole('group', { name: `UCLA-3 loneliness: ${timing}` }).waitFor();
  for (const [i, label] of UCLA3_LABELS.entries()) {
    const value = answers.ucla3[i] ?? 1;
    await answer(page, g, by, label, UCLA3_WORDS[value - 1] ?? '', value - 1, false);
  }
  await g.click(page.getByRole('button', { name: `Save 3 ${timing} questionnaires` }));
  await page
    .getByRole('status')
    .getByText(
      `ONS4 personal wellbeing ${timing}, SWEMWBS wellbeing ${timing} and UCLA-3 loneliness ${timing} saved.`,
    )
    .waitFor();
}

const tab = (page: Page, g: Gestures, title: string) =>
  g.click(
    page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: title }),
  );

/** The episode on the case as sections, answers as radio groups. */
export async function runEpisode(
  page: Page,
  g: Gestures,
  patientName: string,
  followUpAt = '2027-01-15T10:00',
  by: AnswerBy = 'pointer',
): Promise<void> {
  // Accepted from the caseload, which opens the case.
  await g.click(page.getByRole('button', { name: `Accept referral: ${patientName}` }));
  await page.getByLabel('Stage').waitFor();

  for (const [outcome, shown] of [
    ['No answer', 'Phone call – No answer'],
    ['Spoke with them', 'Phone call – Spoke with them'],
  ] as const) {
    await g.click(page.getByRole('button', { name: outcome, exact: true }));
    await page.getByText(shown).waitFor();
  }

  await tab(page, g, 'Goals and plan');
  for (const goal of GOALS) {
    await g.type(page.getByLabel('New goal, in the person’s own words'), goal);
    // The target date is kept from the goal before: typed only when it is not already there.
    const target = page.getByLabel('Target date (optional)');
    if ((await target.inputValue()) !== '2027-03-01') await g.type(target, '2027-03-01');
    await g.click(page.getByRole('button', { name: 'Add goal' }));
    await page.getByRole('listitem').filter({ hasText: goal }).waitFor();
  }

  await tab(page, g, 'Measures');
  await recordMeasures(page, g, ANSWERS.baseline, 'baseline', by);

  await tab(page, g, 'Onward');
  // The directory search runs for the person on opening; the worker picks from what it found.
  // One press picks the service and puts the cursor in the note.
  await g.click(page.getByRole('button', { name: /Riverside Ramblers walking group/ }));
  await g.type(page.getByLabel('Note for the service (optional)'), 'Prefers mornings');
  await g.click(page.getByRole('button', { name: 'Refer to this service' }));
  await page.getByText('Prefers mornings').waitFor();

  // The next follow-up: the check-in offered once the referral is made (a meeting, in person,
  // 30 minutes by default), booked in the diary.
  await g.type(page.getByLabel('When', { exact: true }), followUpAt);
  await g.click(page.getByRole('button', { name: 'Book check-in', exact: true }));
  await page.getByText(/^Check-in booked for .*: it is in the diary\.$/).waitFor();

  await tab(page, g, 'Measures');
  await recordMeasures(page, g, ANSWERS.followUp, 'follow-up', by);

  await tab(page, g, 'Overview');
  await g.type(page.getByLabel('What happened'), 'Goes to the lunch club every week');
  // How it ends is one press, then the confirmation.
  await g.click(
    page
      .getByRole('group', { name: 'How the case ends' })
      .getByRole('button', { name: 'Discharged: support complete' }),
  );
  await g.click(page.getByRole('button', { name: 'Yes, close the case' }));
  await page.getByRole('region', { name: 'Closure' }).waitFor();
  await g.measure();
}
