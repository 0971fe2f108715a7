import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../api/api-client';
import { fakeApi } from '../../test-support/fake-api';
import { NewReferralPage } from './NewReferralPage';

const PEOPLE = {
  people: [
    {
      patient: 'Patient/p1',
      name: 'Robin Hale',
      birthDate: '1961-04-12',
      nhsNumber: '9434765919',
      postcode: 'ZZ1 1AA',
    },
    { patient: 'Patient/p2', name: 'Robin Hale', birthDate: '1961-04-12', postcode: 'ZZ1 9ZZ' },
  ],
};

function fill(label: string | RegExp, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('NewReferralPage', () => {
  it('records a self-referral of someone found on the record, telling people apart', async () => {
    const api = fakeApi({
      reads: { 'people?family=Hale&birthDate=1961-04-12&given=Robin': PEOPLE },
      posts: { referrals: { caseId: 'case-9', linked: false, local: false } },
    });
    const onOpened = jest.fn();
    render(<NewReferralPage api={api} onOpened={onOpened} onCancel={jest.fn()} />);
    fireEvent.click(screen.getByLabelText('Self-referral'));
    expect(screen.queryByLabelText('Referrer’s name')).toBeNull();
    fill('How they heard about the service', 'A poster');
    fill('Reason for the referral', 'Lonely since moving');
    fireEvent.click(screen.getByLabelText('Social isolation'));
    fill('Given name', 'Robin');
    fill('Family name', 'Hale');
    fill('Date of birth', '1961-04-12');
    fireEvent.click(screen.getByRole('button', { name: 'Search the record' }));
    expect(await screen.findByText('2 on the record match')).toBeTruthy();
    // Two people of one name and birth date: the postcode and NHS number tell them apart.
    const second = screen.getByLabelText(/ZZ1 9ZZ · no NHS number/);
    expect(screen.getByLabelText(/ZZ1 1AA · NHS number 9434765919/)).toBeTruthy();
    fireEvent.click(second);
    fireEvent.click(screen.getByLabelText(/keeping their details/));
    fireEvent.click(screen.getByLabelText('No'));
    fireEvent.click(screen.getByRole('button', { name: 'Open the case' }));
    await waitFor(() => {
      expect(onOpened).toHaveBeenCalledWith('case-9');
    });
    expect(api.changes.at(-1)).toEqual({
      method: 'POST',
      path: 'referrals',
      body: {
        source: { kind: 'self', heardFrom: 'A poster', reason: 'Lonely since moving' },
        patient: 'Patient/p2',
        needs: ['social-isolation'],
        consent: { shareWithService: true, writeBack: false },
      },
    });
  });

  it('records someone not registered, with the referrer from another agency', async () => {
    const api = fakeApi({
      reads: { 'people?nhsNumber=9434765919': { people: [] } },
      posts: { referrals: { caseId: 'case-local', linked: false, local: true } },
    });
    const onOpened = jest.fn();
    render(<NewReferralPage api={api} onOpened={onOpened} onCancel={jest.fn()} />);
    fireEvent.click(screen.getByLabelText('Housing'));
    fill('Referrer’s name', 'Sam Okoro');
    fill('Their organisation', 'Riverside Housing');
    fill('Reason for the referral', 'Rent arrears');
    fireEvent.click(screen.getByLabelText('Social isolation'));
    fill('NHS number', '9434765919');
    fill('Given name', 'Ann');
    fill('Family name', 'Lee');
    fill('Date of birth', '1970-01-02');
    fireEvent.click(screen.getByRole('button', { name: 'Search the record' }));
    expect(await screen.findByText('No one on the record matches')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/Not registered/).checked).toBe(true);
    fill('Postcode', 'ZZ1 2BB');
    fireEvent.click(screen.getByLabelText(/keeping their details/));
    fireEvent.click(screen.getByLabelText('Yes'));
    const research = screen.getByLabelText<HTMLInputElement>(/used for research/);
    expect(research.checked).toBe(false);
    fireEvent.click(research);
    fireEvent.click(screen.getByRole('button', { name: 'Open the case' }));
    await waitFor(() => {
      expect(onOpened).toHaveBeenCalledWith('case-local');
    });
    expect(api.changes.at(-1)?.body).toMatchObject({
      source: {
        kind: 'housing',
        referrerName: 'Sam Okoro',
        referrerOrganisation: 'Riverside Housing',
      },
      person: {
        given: 'Ann',
        family: 'Lee',
        birthDate: '1970-01-02',
        nhsNumber: '9434765919',
        postcode: 'ZZ1 2BB',
      },
      consent: { shareWithService: true, writeBack: true, research: true },
    });
  });

  it('says what is missing before sending anything, each problem linked to its field', async () => {
    const api = fakeApi({});
    const onOpened = jest.fn();
    render(<NewReferralPage api={api} onOpened={onOpened} onCancel={jest.fn()} />);
    fireEvent.click(screen.getByLabelText('Housing'));
    fireEvent.click(screen.getByRole('button', { name: 'Open the case' }));
    const summary = await screen.findByRole('alert');
    expect(document.activeElement).toBe(summary);
    const links = within(summary)
      .getAllByRole('link')
      .map((link) => [link.textContent, link.getAttribute('href')]);
    expect(links).toEqual([
      ['Enter the referrer’s name', '#nr-referrer'],
      ['Enter the referrer’s organisation', '#nr-organisation'],
      ['Enter the reason for the referral', '#nr-reason'],
      ['Choose at least one thing they need support with', expect.stringMatching(/^#nr-need-/)],
      ['Search the record for the person, or choose “Not registered” after a search', '#nr-nhs'],
      [
        'A case is opened only when the person agrees to the service keeping their details',
        '#nr-agrees',
      ],
      [
        'Say whether their goals and outcomes may be written back to their GP record',
        '#nr-write-back-yes',
      ],
    ]);
    expect(screen.getByLabelText('Reason for the referral').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(api.changes).toEqual([]);
    expect(onOpened).not.toHaveBeenCalled();
  });

  it("shows the adapter's refusal against the field it names and stays on the page", async () => {
    const api = fakeApi({ reads: { 'people?nhsNumber=9434765918': { people: [] } } });
    api.post = () =>
      Promise.reject(
        new ApiError(
          400,
          'bad-request',
          'person.nhsNumber is not a valid NHS number.',
          'person.nhsNumber',
        ),
      );
    const onOpened = jest.fn();
    render(<NewReferralPage api={api} onOpened={onOpened} onCancel={jest.fn()} />);
    fireEvent.click(screen.getByLabelText('Self-referral'));
    fill('Reason for the referral', 'Rent arrears');
    fireEvent.click(screen.getByLabelText('Social isolation'));
    fill('NHS number', '9434765918');
    fill('Given name', 'Ann');
    fill('Family name', 'Lee');
    fill('Date of birth', '1970-01-02');
    fireEvent.click(screen.getByRole('button', { name: 'Search the record' }));
    expect(await screen.findByText('No one on the record matches')).toBeTruthy();
    fireEvent.click(screen.getByLabelText(/keeping their details/));
    fireEvent.click(screen.getByLabelText('No'));
    fireEvent.click(screen.getByRole('button', { name: 'Open the case' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getByRole('link', { name: 'person.nhsNumber is not a valid NHS number.' })
        .getAttribute('href'),
    ).toBe('#nr-nhs');
    expect(document.getElementById('nr-nhs-error')?.textContent).toBe(
      'Error: person.nhsNumber is not a valid NHS number.',
    );
    expect(onOpened).not.toHaveBeenCalled();
  });
});
