import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Bundle, Consent, Flag, OrganizationAffiliation, ServiceRequest, Task } from 'fhir/r4';
import { consentState, researchPermitted } from '@linkwell/profiles';
import {
  affiliation,
  dashboardResponse,
  transactionResponse,
} from '../../test-support/dashboard-fixture';
import {
  fakeClient,
  httpError,
  outcome,
  type RecordedRequest,
} from '../../test-support/fake-client';
import { App } from './App';

const ids = () => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
};

async function openForm(
  respondToTransaction: (request: RecordedRequest) => unknown,
  affiliations?: OrganizationAffiliation[],
) {
  const fake = fakeClient({
    respond: (request) =>
      request.body?.type === 'transaction'
        ? respondToTransaction(request)
        : dashboardResponse(affiliations === undefined ? {} : { affiliations }),
  });
  render(
    <App
      client={fake.client}
      newUuid={ids()}
      now={() => '2025-06-01T09:00:00Z'}
      liveUpdateMs={60_000}
    />,
  );
  fireEvent.click(await screen.findByRole('link', { name: 'New referral' }));
  return fake;
}

function fillIn(): void {
  fireEvent.click(screen.getByLabelText('Loneliness'));
  fireEvent.click(screen.getByLabelText('Bereavement'));
  fireEvent.change(screen.getByLabelText('What matters to the patient (optional)'), {
    target: { value: 'Getting back to the choir' },
  });
  fireEvent.click(screen.getByLabelText('Urgent'));
  fireEvent.click(screen.getByLabelText('Text message'));
  fireEvent.click(screen.getByLabelText('Telephone call'));
  fireEvent.click(screen.getByLabelText(/agrees to share this referral/));
}

const transactions = (requests: RecordedRequest[]): Bundle[] =>
  requests.map((r) => r.body).filter((b): b is Bundle => b?.type === 'transaction');

describe('the referral form', () => {
  it('says what is missing before sending anything', async () => {
    const fake = await openForm(() => transactionResponse(true));
    fireEvent.click(screen.getByRole('button', { name: 'Send referral' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Choose at least one need');
    expect(summary.textContent).toContain('agrees to share');
    expect(document.activeElement).toBe(summary);
    expect(
      within(summary)
        .getByRole('link', { name: /Choose at least one need/ })
        .getAttribute('href'),
    ).toBe('#referral-needs');
    expect(transactions(fake.requests)).toHaveLength(0);
  });

  it('writes Consent, Referral and Task in one transaction, once, on a double click', async () => {
    let answer: (bundle: Bundle) => void = () => undefined;
    const pending = new Promise<Bundle>((resolve) => (answer = resolve));
    const fake = await openForm(() => pending);
    fillIn();
    const send = screen.getByRole('button', { name: 'Send referral' });
    fireEvent.click(send);
    fireEvent.click(send);
    expect(transactions(fake.requests)).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Sending referral…' })).toHaveProperty(
      'disabled',
      true,
    );
    await act(async () => {
      answer(transactionResponse(true));
      await Promise.resolve();
    });
    expect(await screen.findByText(/Referral sent\./)).toBeTruthy();

    const [bundle] = transactions(fake.requests);
    const [consent, referral, task] = (bundle?.entry ?? []).map((e) => e.resource) as [
      Consent,
      ServiceRequest,
      Task,
    ];
    const business = referral.identifier?.[0]?.value ?? '';
    expect(bundle?.entry?.map((e) => e.request?.ifNoneExist)).toEqual([
      expect.stringContaining(encodeURIComponent(business)),
      expect.stringContaining(encodeURIComponent(business)),
      expect.stringContaining(encodeURIComponent(business)),
    ]);
    expect(referral.reasonCode?.map((c) => c.coding?.[0]?.code)).toEqual([
      'loneliness',
      'bereavement',
    ]);
    expect(referral.priority).toBe('urgent');
    expect(referral.performer?.[0]?.reference).toBe('Organization/sp-1');
    expect(referral.requester?.reference).toBe('PractitionerRole/gp-1-role');
    expect(referral.note?.[0]?.text).toContain(
      'What matters to the patient: Getting back to the choir',
    );
    expect(referral.extension?.map((e) => e.valueCodeableConcept?.coding?.[0]?.code)).toEqual([
      'text-message',
      'phone',
    ]);
    expect(referral.supportingInfo?.[0]?.reference).toBe(bundle?.entry?.[0]?.fullUrl);
    expect(task.focus?.reference).toBe(bundle?.entry?.[1]?.fullUrl);
    expect(consent.provision?.actor?.[0]?.reference.reference).toBe('Organization/sp-1');
    expect(consentState(consent).recordedBy).toBe('Dr Amara Okafor');
    // Research is a separate choice, not given unless ticked.
    expect(researchPermitted(consent)).toBe(false);
    expect(consent.provision?.provision).toBeUndefined();
  });

  it('asks about research separately, unticked, and sends it in the same Consent', async () => {
    const fake = await openForm(() => transactionResponse(true));
    const research = screen.getByLabelText<HTMLInputElement>(/used for research/);
    expect(research.checked).toBe(false);
    // Its own group of choices, apart from the consent to share.
    const group = research.closest('fieldset');
    expect(group?.querySelector('legend')?.textContent).toBe(
      'Research and service evaluation (optional)',
    );
    expect(
      within(group as HTMLElement).queryByLabelText(/agrees to share this referral/),
    ).toBeNull();
    fillIn();
    fireEvent.click(research);
    expect(research.checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Send referral' }));
    expect(await screen.findByText(/Referral sent\./)).toBeTruthy();
    const [bundle] = transactions(fake.requests);
    expect(transactions(fake.requests)).toHaveLength(1);
    const consent = bundle?.entry?.[0]?.resource as Consent;
    expect(consent.resourceType).toBe('Consent');
    expect(researchPermitted(consent)).toBe(true);
    expect(consent.provision?.provision?.[0]?.purpose?.[0]).toMatchObject({
      system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
      code: 'HRESCH',
    });
  });

  it('preselects the service configured for the practice, not the alphabetical first', async () => {
    await openForm(() => transactionResponse(true));
    const select = screen.getByLabelText<HTMLSelectElement>('Link-worker service');
    expect([...select.options].map((o) => o.text)).toEqual([
      'Choose a service',
      'Eastfield Community Link Service',
      'Riverside Social Prescribing Service',
    ]);
    expect(select.value).toBe('Organization/sp-1');
    expect(
      screen.getByText('Your practice refers to Riverside Social Prescribing Service'),
    ).toBeTruthy();
  });

  it.each([
    ['no service is configured', []],
    [
      'two services are configured',
      [
        affiliation,
        { ...affiliation, id: 'aff-2', organization: { reference: 'Organization/sp-2' } },
      ],
    ],
    ['the affiliation is not active', [{ ...affiliation, active: false }]],
  ])('preselects nothing, forcing a choice, when %s', async (_, affiliations) => {
    const fake = await openForm(() => transactionResponse(true), affiliations);
    expect(screen.getByLabelText<HTMLSelectElement>('Link-worker service').value).toBe('');
    fillIn();
    fireEvent.click(screen.getByRole('button', { name: 'Send referral' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Choose the link-worker service',
    );
    expect(transactions(fake.requests)).toHaveLength(0);
  });

  it('shows the server refusal against the field it names', async () => {
    await openForm(() => {
      throw httpError(
        422,
        outcome('This need is not in the referral needs value set', 'ServiceRequest.reasonCode[0]'),
      );
    });
    fillIn();
    fireEvent.click(screen.getByRole('button', { name: 'Send referral' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link').getAttribute('href')).toBe('#referral-needs');
    const needs = screen.getByRole('group', { name: /What does the patient need help with/ });
    expect(needs.textContent).toContain('This need is not in the referral needs value set');
  });

  it('retries under the same business identifier after a network failure', async () => {
    let attempt = 0;
    const fake = await openForm(() => {
      attempt += 1;
      if (attempt === 1) throw new TypeError('Failed to fetch');
      return transactionResponse(false);
    });
    fillIn();
    fireEvent.click(screen.getByRole('button', { name: 'Send referral' }));
    expect((await screen.findByRole('alert')).textContent).toContain('it will not be sent twice');
    fireEvent.click(screen.getByRole('button', { name: 'Send referral' }));
    expect(await screen.findByText(/already been sent; it was not sent twice/)).toBeTruthy();
    const [first, second] = transactions(fake.requests).map(
      (b) => (b.entry?.[1]?.resource as ServiceRequest).identifier?.[0]?.value,
    );
    expect(second).toBe(first);
  });
});

describe('risk and communication needs on the referral', () => {
  it('asks which agencies, then sends each risk as a Flag and the needs on the Referral', async () => {
    const fake = await openForm(() => transactionResponse(true));
    fillIn();
    fireEvent.click(
      screen.getByRole('button', { name: 'Add risk, safeguarding or communication needs' }),
    );
    fireEvent.click(screen.getByLabelText('Lone-working risk'));
    fireEvent.change(screen.getByLabelText(/visiting alone/), {
      target: { value: 'Large dog; meet at the practice' },
    });
    fireEvent.click(screen.getByLabelText('Other agencies involved'));
    fireEvent.change(screen.getByLabelText('Preferred language'), { target: { value: 'pl' } });
    fireEvent.click(screen.getByLabelText('An interpreter is needed'));
    fireEvent.click(screen.getByLabelText('Large print'));
    fireEvent.click(screen.getByRole('button', { name: 'Send referral' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Say which other agencies are involved');
    expect(transactions(fake.requests)).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Which agencies, and who to contact'), {
      target: { value: 'Adult social care duty team' },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send referral' }));
      await Promise.resolve();
    });
    const [bundle] = transactions(fake.requests);
    const resources = (bundle?.entry ?? []).map((e) => e.resource);
    const flags = resources.filter((r) => r?.resourceType === 'Flag');
    expect(flags.map((f) => (f as Flag).code.text)).toEqual([
      'Large dog; meet at the practice',
      'Adult social care duty team',
    ]);
    const referral = resources.find((r) => r?.resourceType === 'ServiceRequest') as ServiceRequest;
    expect(bundle?.entry?.[1]?.resource?.resourceType).toBe('ServiceRequest');
    expect(referral.supportingInfo?.map((s) => s.reference)).toEqual([
      bundle?.entry?.[0]?.fullUrl,
      bundle?.entry?.[3]?.fullUrl,
      bundle?.entry?.[4]?.fullUrl,
    ]);
    const needs = referral.extension?.find((e) => e.url.endsWith('linkwell-communication-needs'));
    expect(needs?.extension?.map((e) => e.url)).toEqual([
      'language',
      'interpreterNeeded',
      'adjustment',
    ]);
  }, 20_000);
});
