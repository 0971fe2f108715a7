import { fireEvent, render, screen, waitFor } from '@testing-library/react';
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

  it("shows the adapter's refusal and stays on the page", async () => {
    const api = fakeApi({});
    api.post = () =>
      Promise.reject(
        new ApiError(
          422,
          'no-consent',
          'The person must agree to the service keeping their details before a case is opened.',
          'consent.shareWithService',
        ),
      );
    const onOpened = jest.fn();
    render(<NewReferralPage api={api} onOpened={onOpened} onCancel={jest.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open the case' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/must agree/);
    expect(onOpened).not.toHaveBeenCalled();
  });
});
