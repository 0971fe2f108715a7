import { render, screen, within } from '@testing-library/react';
import type { Bundle, DocumentReference } from 'fhir/r4';
import { base64Utf8, buildGoal } from '@linkwell/profiles';
import { closingSummary, dashboardResponse } from '../../test-support/dashboard-fixture';
import { fakeClient } from '../../test-support/fake-client';
import { App } from './App';

async function card(options: Parameters<typeof dashboardResponse>[0] = {}) {
  const fake = fakeClient({ respond: () => dashboardResponse(options) });
  render(<App client={fake.client} liveUpdateMs={60_000} />);
  return screen.findByRole('article', { name: /Referral to Riverside/ });
}

describe('a referral card', () => {
  it('shows the closing summary as a letter: title, date, authors and the text line by line', async () => {
    const article = await card({ summaries: [closingSummary] });
    const letter = within(article).getByRole('region', {
      name: 'Social prescribing closing summary',
    });
    expect(within(letter).getByText(/^Sent 20 Jun 2025 by Sam Carter, Riverside/)).toBeTruthy();
    expect(
      within(letter).getByText(
        '- Discharged on 2025-06-20: Goals met; sings with the choir every week.',
      ),
    ).toBeTruthy();
    const section = within(letter).getByText('Why the referral closed').closest('p');
    expect(section?.querySelectorAll('br')).toHaveLength(1);
    expect(within(letter).getByText('- Get back to the choir on Thursdays: Achieved')).toBeTruthy();
  });

  it('never renders the letter as HTML', async () => {
    const hostile: DocumentReference = {
      ...closingSummary,
      id: 'doc-2',
      content: [
        {
          attachment: {
            contentType: 'text/plain; charset=utf-8',
            title: 'Closing summary',
            data: base64Utf8('Dear Dr Okafor\n<img src=x onerror="alert(1)"> <b>bold</b>'),
          },
        },
      ],
    };
    const article = await card({ summaries: [hostile] });
    const letter = within(article).getByRole('region', { name: 'Closing summary' });
    expect(letter.querySelector('img, b')).toBeNull();
    expect(letter.textContent).toContain('<img src=x onerror="alert(1)"> <b>bold</b>');
  });

  it('leaves out summaries that are not current or not about this referral', async () => {
    const old: DocumentReference = { ...closingSummary, id: 'doc-3', status: 'entered-in-error' };
    const other: DocumentReference = {
      ...closingSummary,
      id: 'doc-4',
      context: { related: [{ reference: 'ServiceRequest/sr-99' }] },
    };
    const article = await card({ summaries: [old, other] });
    expect(within(article).queryByText('Message back from the link-worker service')).toBeNull();
  });

  it('reads goal tags as words, not FHIR codes', async () => {
    const fake = fakeClient({
      respond: () => {
        const response = dashboardResponse();
        const goals = response.entry?.[3]?.resource as Bundle | undefined;
        const goal = (id: string, input: Partial<Parameters<typeof buildGoal>[0]>) => ({
          ...buildGoal({
            description: `Goal ${id}`,
            patient: 'Patient/pat-1',
            referral: 'ServiceRequest/sr-1',
            startDate: '2025-02-12',
            ...input,
          }),
          id,
        });
        if (goals !== undefined) {
          goals.entry = [
            { resource: goal('a', { achievement: 'in-progress' }) },
            { resource: goal('b', { lifecycleStatus: 'completed', achievement: 'achieved' }) },
            { resource: goal('c', { lifecycleStatus: 'on-hold' }) },
            {
              resource: {
                ...goal('d', {}),
                achievementStatus: { coding: [{ code: 'no-progress' }] },
              },
            },
          ];
        }
        return response;
      },
    });
    render(<App client={fake.client} liveUpdateMs={60_000} />);
    const article = await screen.findByRole('article');
    const tags = [...article.querySelectorAll('.lw-goals__item .nhsuk-tag')].map(
      (t) => t.textContent,
    );
    expect(tags).toEqual(['In progress', 'Achieved', 'On hold', 'No progress']);
    expect(tags.join(' ')).not.toMatch(/in-progress|achieved|on-hold|no-progress/);
  });
});
