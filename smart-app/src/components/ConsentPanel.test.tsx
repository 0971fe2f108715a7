import { fireEvent, render, screen, within } from '@testing-library/react';
import type { Consent } from 'fhir/r4';
import { consentState, researchProvision, withdrawConsent } from '@linkwell/profiles';
import { consent, dashboardResponse } from '../../test-support/dashboard-fixture';
import { fakeClient, httpError, type RecordedRequest } from '../../test-support/fake-client';
import { App } from './App';

const NOW = '2025-06-01T09:00:00Z';
const withdrawn: Consent = {
  ...withdrawConsent(consent, {
    date: NOW,
    by: { reference: 'Practitioner/gp-1', display: 'Dr Amara Okafor' },
  }),
  meta: { versionId: '4' },
};

function renderConsent(onPut: (request: RecordedRequest) => unknown, fhirUser?: string | null) {
  const state = { stored: consent };
  const fake = fakeClient({
    respond: (request) =>
      request.method === 'PUT' ? onPut(request) : dashboardResponse({ consent: state.stored }),
    ...(fhirUser === undefined ? {} : { fhirUser }),
  });
  render(<App client={fake.client} now={() => NOW} liveUpdateMs={60_000} />);
  const section = async () =>
    within(await screen.findByRole('article')).getByRole('region', { name: 'Consent' });
  return { fake, state, section };
}

describe('consent on the referral', () => {
  it('shows what the patient agreed to, when and who recorded it', async () => {
    const { section } = renderConsent(() => undefined);
    const panel = await section();
    const items = [...panel.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      'Share the referral with the link-worker service: yes',
      'Write goals and outcomes back to this record: yes',
      'Research and service evaluation, without anything that identifies them: no',
      'Recorded on 3 Feb 2025 by Dr Amara Okafor',
    ]);
  });

  it('shows a research permission the Consent carries', async () => {
    const withResearch: Consent = {
      ...consent,
      provision: { ...consent.provision, type: 'permit', provision: [researchProvision()] },
    };
    const fake = fakeClient({ respond: () => dashboardResponse({ consent: withResearch }) });
    render(<App client={fake.client} now={() => NOW} liveUpdateMs={60_000} />);
    const panel = within(await screen.findByRole('article')).getByRole('region', {
      name: 'Consent',
    });
    expect(panel.textContent).toContain(
      'Research and service evaluation, without anything that identifies them: yes',
    );
  });

  it('records a withdrawal as an update of the same Consent, on its version, and says so', async () => {
    const ui = renderConsent((request) => {
      ui.state.stored = withdrawn;
      return request.body;
    });
    const panel = await ui.section();
    fireEvent.click(within(panel).getByRole('button', { name: /patient withdrew consent/ }));
    expect(within(panel).getByText(/Nothing already in the record is deleted/)).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Record withdrawal of consent' }));
    await screen.findByText(
      'Consent withdrawn on 1 Jun 2025 by Dr Amara Okafor: no further goals or outcomes will be written back',
    );

    const puts = ui.fake.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.url).toBe('Consent/c-1');
    expect(puts[0]?.headers['if-match']).toBe('W/"3"');
    const sent = puts[0]?.body as unknown as Consent;
    expect(sent.meta?.versionId).toBeUndefined();
    expect(consentState(sent)).toMatchObject({
      status: 'inactive',
      writeBack: false,
      withdrawnAt: NOW,
      withdrawnBy: 'Dr Amara Okafor',
      recordedBy: 'Dr Amara Okafor',
    });
    expect(sent.provision?.period?.end).toBe(NOW);
    const after = await ui.section();
    expect(within(after).queryByRole('button')).toBeNull();
    expect(after.textContent).toContain('Write goals and outcomes back to this record: withdrawn');
  });

  it('reads the Consent again when someone changed it first (If-Match refused)', async () => {
    const ui = renderConsent(() => {
      throw httpError(412);
    });
    const panel = await ui.section();
    const loads = () => ui.fake.requests.filter((r) => r.body?.type === 'batch').length;
    const before = loads();
    fireEvent.click(within(panel).getByRole('button', { name: /patient withdrew consent/ }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Record withdrawal of consent' }));
    expect((await screen.findByRole('alert')).textContent).toContain('changed by someone else');
    expect(loads()).toBeGreaterThan(before);
  });

  it('offers no withdrawal when the app cannot tell who the GP is', async () => {
    const { section } = renderConsent(() => undefined, null);
    expect(within(await section()).queryByRole('button')).toBeNull();
  });
});
