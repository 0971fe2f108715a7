import { useState, type FormEvent, type ReactNode } from 'react';
import {
  RECORDED_REFERRAL_SOURCES,
  REFERRAL_SOURCES,
  type PersonMatch,
  type ReferralOpened,
} from '@linkwell/contracts';
import { REFERRAL_NEEDS, referralNeedCoding } from '@linkwell/profiles';
import { ApiError, type LinkWorkerApi } from '../api/api-client';
import { ErrorSummary } from '../components/ErrorSummary';
import {
  check,
  messageAt,
  problemsOf,
  type FieldControls,
  type FormProblems,
} from '../components/form-errors';
import { ErrorMessage, Field } from '../components/form-parts';
import { RadioGroup } from '../components/RadioGroup';
import { formatDate } from '../dates';

// A referral from anyone but the GP: who referred, the person (found on the EHR or recorded when
// not registered), what they need, and what they agreed to. The adapter writes the referral to the
// EHR for a registered person, or keeps the case in the store only.

const NOT_FOUND = 'not-registered';
const sourceChoices = RECORDED_REFERRAL_SOURCES.map((value) => ({
  value,
  label: REFERRAL_SOURCES[value],
}));
const needLabel = (need: (typeof REFERRAL_NEEDS)[number]): string =>
  referralNeedCoding(need).display ?? need;

/** Where the form takes each field of the referral (`POST /api/referrals`) and of the search. */
const CONTROLS = {
  source: `nr-kind-${RECORDED_REFERRAL_SOURCES[0]}`,
  'source.kind': `nr-kind-${RECORDED_REFERRAL_SOURCES[0]}`,
  'source.referrerName': 'nr-referrer',
  'source.referrerOrganisation': 'nr-organisation',
  'source.referrerContact': 'nr-contact',
  'source.heardFrom': 'nr-heard',
  'source.reason': 'nr-reason',
  needs: `nr-need-${REFERRAL_NEEDS[0]}`,
  patient: 'nr-nhs',
  person: 'nr-given',
  'person.given': 'nr-given',
  'person.family': 'nr-family',
  'person.birthDate': 'nr-birth',
  'person.nhsNumber': 'nr-nhs',
  'person.postcode': 'nr-postcode',
  'person.contact': 'nr-person-contact',
  consent: 'nr-agrees',
  'consent.shareWithService': 'nr-agrees',
  'consent.writeBack': 'nr-write-back-yes',
  'consent.research': 'nr-research',
  nhsNumber: 'nr-nhs',
  given: 'nr-given',
  family: 'nr-family',
  birthDate: 'nr-birth',
} as const satisfies FieldControls;

function Text({
  id,
  label,
  value,
  onChange,
  hint,
  type = 'text',
  problems,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  type?: string;
  problems: FormProblems;
}) {
  return (
    <Field
      id={id}
      label={label}
      {...(hint === undefined ? {} : { hint })}
      error={messageAt(problems, id)}
    >
      <input
        id={id}
        className="nhsuk-input"
        type={type}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    </Field>
  );
}

/** Checkboxes with the problem about them (`control` is the first box's id), NHS.UK style. */
function Checkboxes({
  control,
  legend,
  problems,
  children,
}: {
  control: string;
  legend?: string;
  problems: FormProblems;
  children: ReactNode;
}) {
  const error = messageAt(problems, control);
  const errorId = `${control}-error`;
  const boxes = (
    <>
      <ErrorMessage id={errorId} message={error} />
      <div className="nhsuk-checkboxes">{children}</div>
    </>
  );
  return (
    <div className={`nhsuk-form-group${error === undefined ? '' : ' nhsuk-form-group--error'}`}>
      {legend === undefined ? (
        boxes
      ) : (
        <fieldset
          className="nhsuk-fieldset"
          aria-describedby={error === undefined ? undefined : errorId}
        >
          <legend className="nhsuk-label">{legend}</legend>
          {boxes}
        </fieldset>
      )}
    </div>
  );
}

function matchLabel(match: PersonMatch): string {
  return [
    match.name,
    match.birthDate === undefined
      ? 'birth date not recorded'
      : `born ${formatDate(match.birthDate)}`,
    match.postcode ?? 'no postcode',
    match.nhsNumber === undefined ? 'no NHS number' : `NHS number ${match.nhsNumber}`,
  ].join(' · ');
}

export function NewReferralPage({
  api,
  onOpened,
  onCancel,
}: {
  api: LinkWorkerApi;
  onOpened: (caseId: string) => void;
  onCancel: () => void;
}) {
  const [kind, setKind] = useState('');
  const [referrer, setReferrer] = useState({ name: '', organisation: '', contact: '' });
  const [heardFrom, setHeardFrom] = useState('');
  const [reason, setReason] = useState('');
  const [needs, setNeeds] = useState<string[]>([]);
  const [search, setSearch] = useState({ nhsNumber: '', family: '', given: '', birthDate: '' });
  const [matches, setMatches] = useState<readonly PersonMatch[] | undefined>(undefined);
  const [chosen, setChosen] = useState('');
  const [person, setPerson] = useState({ postcode: '', contact: '' });
  const [agrees, setAgrees] = useState(false);
  const [writeBack, setWriteBack] = useState('');
  const [research, setResearch] = useState(false);
  const [problems, setProblems] = useState<FormProblems>([]);
  const [busy, setBusy] = useState(false);

  const find = async (): Promise<void> => {
    const byNhsNumber = search.nhsNumber.trim() !== '';
    const missing = check([
      [
        !byNhsNumber && search.family.trim() === '',
        CONTROLS.family,
        'Enter their NHS number, or their family name and date of birth',
      ],
      [
        !byNhsNumber && search.family.trim() !== '' && search.birthDate === '',
        CONTROLS.birthDate,
        'Enter their date of birth to search by family name',
      ],
    ]);
    setProblems(missing);
    if (missing.length > 0) return;
    const query = new URLSearchParams(
      search.nhsNumber.trim() !== ''
        ? { nhsNumber: search.nhsNumber.trim() }
        : {
            family: search.family.trim(),
            birthDate: search.birthDate,
            ...(search.given.trim() === '' ? {} : { given: search.given.trim() }),
          },
    );
    try {
      const found = await api.get<{ people: readonly PersonMatch[] }>(`people?${query.toString()}`);
      setMatches(found.people);
      setChosen(found.people.length === 0 ? NOT_FOUND : '');
    } catch (error) {
      setProblems(
        problemsOf(error, CONTROLS, (failure) =>
          failure instanceof ApiError ? failure.message : 'The search did not work; try again.',
        ),
      );
    }
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const named = kind !== '' && kind !== 'self';
    const recording = chosen === NOT_FOUND;
    const missing = check([
      [kind === '', CONTROLS['source.kind'], 'Choose where the referral came from'],
      [
        named && referrer.name.trim() === '',
        CONTROLS['source.referrerName'],
        'Enter the referrer’s name',
      ],
      [
        named && kind !== 'other' && referrer.organisation.trim() === '',
        CONTROLS['source.referrerOrganisation'],
        'Enter the referrer’s organisation',
      ],
      [reason.trim() === '', CONTROLS['source.reason'], 'Enter the reason for the referral'],
      [needs.length === 0, CONTROLS.needs, 'Choose at least one thing they need support with'],
      [
        chosen === '',
        CONTROLS.patient,
        matches === undefined
          ? 'Search the record for the person, or choose “Not registered” after a search'
          : 'Choose the person from the matches, or “Not registered” to record them',
      ],
      [recording && search.given.trim() === '', CONTROLS['person.given'], 'Enter their given name'],
      [
        recording && search.family.trim() === '',
        CONTROLS['person.family'],
        'Enter their family name',
      ],
      [
        recording && search.birthDate === '',
        CONTROLS['person.birthDate'],
        'Enter their date of birth',
      ],
      [
        !agrees,
        CONTROLS['consent.shareWithService'],
        'A case is opened only when the person agrees to the service keeping their details',
      ],
      [
        writeBack === '',
        CONTROLS['consent.writeBack'],
        'Say whether their goals and outcomes may be written back to their GP record',
      ],
    ]);
    setProblems(missing);
    if (missing.length > 0) return;
    const who =
      chosen === NOT_FOUND
        ? {
            person: {
              given: search.given.trim(),
              family: search.family.trim(),
              birthDate: search.birthDate,
              ...(search.nhsNumber.trim() === '' ? {} : { nhsNumber: search.nhsNumber.trim() }),
              ...(person.postcode.trim() === '' ? {} : { postcode: person.postcode.trim() }),
              ...(person.contact.trim() === '' ? {} : { contact: person.contact.trim() }),
            },
          }
        : chosen === ''
          ? {}
          : { patient: chosen };
    const optional = (field: string, value: string) =>
      value.trim() === '' ? {} : { [field]: value.trim() };
    setBusy(true);
    try {
      const opened = await api.post<ReferralOpened>('referrals', {
        source: {
          kind,
          ...optional('referrerName', referrer.name),
          ...optional('referrerOrganisation', referrer.organisation),
          ...optional('referrerContact', referrer.contact),
          ...optional('heardFrom', heardFrom),
          reason,
        },
        ...who,
        needs,
        consent: {
          shareWithService: agrees,
          ...(writeBack === '' ? {} : { writeBack: writeBack === 'yes' }),
          ...(research ? { research: true } : {}),
        },
      });
      onOpened(opened.caseId);
    } catch (error) {
      setProblems(
        problemsOf(error, CONTROLS, (failure) =>
          failure instanceof ApiError ? failure.message : 'The referral was not sent; try again.',
        ),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h1 className="nhsuk-heading-l">New referral</h1>
      <p>For a self-referral, or a referral from anyone other than the person’s GP.</p>
      <ErrorSummary problems={problems} />
      <section className="nhsuk-card" aria-labelledby="nr-source">
        <div className="nhsuk-card__content">
          <h2 className="nhsuk-heading-m" id="nr-source">
            Who referred
          </h2>
          <RadioGroup
            name="nr-kind"
            legend="Where the referral came from"
            small
            choices={sourceChoices}
            value={kind}
            error={messageAt(problems, CONTROLS['source.kind'])}
            onChange={setKind}
          />
          {kind === 'self' || kind === '' ? null : (
            <>
              <Text
                problems={problems}
                id="nr-referrer"
                label="Referrer’s name"
                value={referrer.name}
                onChange={(name) => {
                  setReferrer({ ...referrer, name });
                }}
              />
              <Text
                problems={problems}
                id="nr-organisation"
                label="Their organisation"
                value={referrer.organisation}
                onChange={(organisation) => {
                  setReferrer({ ...referrer, organisation });
                }}
              />
              <Text
                problems={problems}
                id="nr-contact"
                label="How to reach the referrer"
                hint="Phone or email"
                value={referrer.contact}
                onChange={(contact) => {
                  setReferrer({ ...referrer, contact });
                }}
              />
            </>
          )}
          <Text
            problems={problems}
            id="nr-heard"
            label="How they heard about the service"
            value={heardFrom}
            onChange={setHeardFrom}
          />
          <Field
            id="nr-reason"
            label="Reason for the referral"
            error={messageAt(problems, CONTROLS['source.reason'])}
          >
            <textarea
              id="nr-reason"
              className="nhsuk-textarea"
              rows={3}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
              }}
            />
          </Field>
          <Checkboxes
            control={CONTROLS.needs}
            legend="What they need support with"
            problems={problems}
          >
            {REFERRAL_NEEDS.map((need) => (
              <div key={need} className="nhsuk-checkboxes__item">
                <input
                  id={`nr-need-${need}`}
                  className="nhsuk-checkboxes__input"
                  type="checkbox"
                  checked={needs.includes(need)}
                  onChange={(e) => {
                    setNeeds(e.target.checked ? [...needs, need] : needs.filter((n) => n !== need));
                  }}
                />
                <label className="nhsuk-checkboxes__label" htmlFor={`nr-need-${need}`}>
                  {needLabel(need)}
                </label>
              </div>
            ))}
          </Checkboxes>
        </div>
      </section>
      <section className="nhsuk-card" aria-labelledby="nr-person">
        <div className="nhsuk-card__content">
          <h2 className="nhsuk-heading-m" id="nr-person">
            The person
          </h2>
          <p className="nhsuk-hint">
            Search the GP record by NHS number, or by family name and date of birth.
          </p>
          <Text
            problems={problems}
            id="nr-nhs"
            label="NHS number"
            value={search.nhsNumber}
            onChange={(nhsNumber) => {
              setSearch({ ...search, nhsNumber });
            }}
          />
          <Text
            problems={problems}
            id="nr-given"
            label="Given name"
            value={search.given}
            onChange={(given) => {
              setSearch({ ...search, given });
            }}
          />
          <Text
            problems={problems}
            id="nr-family"
            label="Family name"
            value={search.family}
            onChange={(family) => {
              setSearch({ ...search, family });
            }}
          />
          <Text
            problems={problems}
            id="nr-birth"
            label="Date of birth"
            type="date"
            value={search.birthDate}
            onChange={(birthDate) => {
              setSearch({ ...search, birthDate });
            }}
          />
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => void find()}
          >
            Search the record
          </button>
          {matches === undefined ? null : (
            <div aria-live="polite">
              <RadioGroup
                name="nr-match"
                legend={
                  matches.length === 0
                    ? 'No one on the record matches'
                    : `${matches.length} on the record ${matches.length === 1 ? 'matches' : 'match'}`
                }
                small
                choices={[
                  ...matches.map((m) => ({ value: m.patient, label: matchLabel(m) })),
                  {
                    value: NOT_FOUND,
                    label: 'Not registered: record them here (nothing goes to a GP record)',
                  },
                ]}
                value={chosen}
                error={messageAt(problems, CONTROLS.patient)}
                onChange={setChosen}
              />
            </div>
          )}
          {chosen === NOT_FOUND ? (
            <>
              <Text
                problems={problems}
                id="nr-postcode"
                label="Postcode"
                value={person.postcode}
                onChange={(postcode) => {
                  setPerson({ ...person, postcode });
                }}
              />
              <Text
                problems={problems}
                id="nr-person-contact"
                label="How to reach them"
                hint="Phone or email"
                value={person.contact}
                onChange={(contact) => {
                  setPerson({ ...person, contact });
                }}
              />
            </>
          ) : null}
        </div>
      </section>
      <section className="nhsuk-card" aria-labelledby="nr-consent">
        <div className="nhsuk-card__content">
          <h2 className="nhsuk-heading-m" id="nr-consent">
            What they agreed to
          </h2>
          <Checkboxes control={CONTROLS['consent.shareWithService']} problems={problems}>
            <div className="nhsuk-checkboxes__item">
              <input
                id="nr-agrees"
                className="nhsuk-checkboxes__input"
                type="checkbox"
                aria-describedby={
                  messageAt(problems, CONTROLS['consent.shareWithService']) === undefined
                    ? undefined
                    : 'nr-agrees-error'
                }
                checked={agrees}
                onChange={(e) => {
                  setAgrees(e.target.checked);
                }}
              />
              <label className="nhsuk-checkboxes__label" htmlFor="nr-agrees">
                They agree to the service keeping their details and working with them
              </label>
            </div>
          </Checkboxes>
          <RadioGroup
            name="nr-write-back"
            legend="May their goals and outcomes be written back to their GP record?"
            small
            choices={[
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ]}
            value={writeBack}
            error={messageAt(problems, CONTROLS['consent.writeBack'])}
            onChange={setWriteBack}
          />
          <div className="nhsuk-checkboxes__item">
            <input
              id="nr-research"
              className="nhsuk-checkboxes__input"
              type="checkbox"
              checked={research}
              onChange={(e) => {
                setResearch(e.target.checked);
              }}
            />
            <label className="nhsuk-checkboxes__label" htmlFor="nr-research">
              Separately, they also agree that their information, without anything that identifies
              them, can be used for research and to check how well the service works (optional)
            </label>
          </div>
        </div>
      </section>
      <div className="nhsuk-button-group">
        <button type="submit" className="nhsuk-button" disabled={busy}>
          Open the case
        </button>
        <button type="button" className="lw-link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
