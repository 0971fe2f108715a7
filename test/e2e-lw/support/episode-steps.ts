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
  /^Overall, how anxious did you feel yesterday\?/,
];
const UCLA3_LABELS = [
  'How often do you feel that you lack companionship?',
  'How often do you feel left out?',
  'How often do you feel isolated from others?',
];

/** The three questionnaires, one after another, each saved on its own (the one-page case). */
async function recordMeasures(
  page: Page,
  g: Gestures,
  answers: Answers,
  timing: 'baseline' | 'follow-up',
): Promise<void> {
  const instrument = page.getByLabel('Questionnaire', { exact: true });
  await g.choose(instrument, 'ons4');
  for (const [i, label] of ONS4_LABELS.entries())
    await g.choose(page.getByLabel(label), String(answers.ons4[i]));
  await g.click(page.getByRole('button', { name: `Save ${timing} ONS4 personal wellbeing` }));
  await page.getByRole('button', { name: 'Save follow-up ONS4 personal wellbeing' }).waitFor();

  await g.choose(instrument, 'swemwbs');
  for (const [i, answer] of answers.swemwbs.entries())
    await g.choose(page.getByLabel(`Statement ${i + 1}`, { exact: true }), String(answer));
  await g.click(page.getByRole('button', { name: `Save ${timing} SWEMWBS wellbeing` }));
  await page.getByRole('button', { name: 'Save follow-up SWEMWBS wellbeing' }).waitFor();

  await g.choose(instrument, 'ucla3');
  for (const [i, label] of UCLA3_LABELS.entries())
    await g.choose(page.getByLabel(label), String(answers.ucla3[i]));
  await g.click(page.getByRole('button', { name: `Save ${timing} UCLA-3 loneliness` }));
  await page.getByRole('button', { name: 'Save follow-up UCLA-3 loneliness' }).waitFor();
}

/** The episode on the case page as it is (one long page, dropdowns). */
export async function runEpisode(page: Page, g: Gestures, patientName: string): Promise<void> {
  await g.click(page.getByRole('link', { name: patientName }));
  await g.click(page.getByRole('button', { name: 'Accept referral' }));
  await page.getByLabel('Stage').waitFor();

  for (const [outcome, shown] of [
    ['no-answer', 'Phone call – No answer'],
    ['reached', 'Phone call – Spoke with them'],
  ] as const) {
    await g.choose(page.getByLabel('Outcome', { exact: true }), outcome);
    await g.click(page.getByRole('button', { name: 'Log contact' }));
    await page.getByText(shown).waitFor();
  }

  for (const goal of GOALS) {
    await g.type(page.getByLabel('New goal, in the person’s own words'), goal);
    await g.type(page.getByLabel('Target date (optional)'), '2027-03-01');
    await g.click(page.getByRole('button', { name: 'Add goal' }));
    await page.getByRole('listitem').filter({ hasText: goal }).waitFor();
  }

  await recordMeasures(page, g, ANSWERS.baseline, 'baseline');

  await g.choose(page.getByLabel('Community service', { exact: true }), 'lw-cs-walking');
  await g.type(page.getByLabel('Note for the service (optional)'), 'Prefers mornings');
  await g.click(page.getByRole('button', { name: 'Refer to this service' }));
  await page.getByText('Prefers mornings').waitFor();

  await g.type(page.getByLabel('Next follow-up'), '2027-01-15');
  await g.click(page.getByRole('button', { name: 'Save follow-up', exact: true }));
  await page.getByText('Now: 15 Jan 2027').waitFor();

  await recordMeasures(page, g, ANSWERS.followUp, 'follow-up');

  await g.choose(page.getByLabel('How the case ends'), 'discharged');
  await g.type(page.getByLabel('What happened'), 'Goes to the lunch club every week');
  await g.click(page.getByRole('button', { name: 'Discharge' }));
  await page.getByRole('region', { name: 'Closure' }).waitFor();
  await g.measure();
}
