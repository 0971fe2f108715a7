import { hasPrimaryPatient, primaryPatientElement } from './compartment';

/**
 * What a `patient/` token may search: an allowlist of parameters and modifiers per type, the
 * patient always added as `patient=<id>` (`_id` for Patient). Everything else is refused: `_has`,
 * chains, `:missing`, `:not`, `:above`/`:below`, unknown parameters and modifiers.
 */
type ParamKind = 'id' | 'token' | 'string' | 'date' | 'reference' | 'uri' | 'number';

const MODIFIERS: Record<ParamKind, readonly string[]> = {
  id: [],
  token: ['text'],
  string: ['exact', 'contains'],
  date: [],
  reference: [],
  uri: [],
  number: [],
};

const COMMON: Record<string, ParamKind> = {
  _id: 'id',
  _lastUpdated: 'date',
  _tag: 'token',
  _profile: 'uri',
  identifier: 'token',
};

const BY_TYPE: Record<string, Record<string, ParamKind>> = {
  Observation: {
    code: 'token',
    category: 'token',
    status: 'token',
    date: 'date',
    encounter: 'reference',
    'based-on': 'reference',
    performer: 'reference',
  },
  ServiceRequest: {
    status: 'token',
    intent: 'token',
    code: 'token',
    category: 'token',
    priority: 'token',
    authored: 'date',
    performer: 'reference',
    requester: 'reference',
    'based-on': 'reference',
    encounter: 'reference',
  },
  Task: {
    status: 'token',
    'business-status': 'token',
    code: 'token',
    intent: 'token',
    priority: 'token',
    'authored-on': 'date',
    modified: 'date',
    period: 'date',
    focus: 'reference',
    owner: 'reference',
    requester: 'reference',
    'based-on': 'reference',
  },
  Goal: {
    'lifecycle-status': 'token',
    'achievement-status': 'token',
    category: 'token',
    'start-date': 'date',
    'target-date': 'date',
  },
  DocumentReference: {
    status: 'token',
    category: 'token',
    type: 'token',
    date: 'date',
    author: 'reference',
    related: 'reference',
    encounter: 'reference',
  },
  Consent: {
    status: 'token',
    category: 'token',
    scope: 'token',
    action: 'token',
    date: 'date',
    period: 'date',
    actor: 'reference',
  },
  Condition: {
    code: 'token',
    category: 'token',
    'clinical-status': 'token',
    'verification-status': 'token',
    'onset-date': 'date',
    'recorded-date': 'date',
    encounter: 'reference',
  },
  Encounter: { status: 'token', class: 'token', type: 'token', date: 'date' },
  Patient: {
    birthdate: 'date',
    gender: 'token',
    name: 'string',
    family: 'string',
    given: 'string',
  },
  QuestionnaireResponse: {
    status: 'token',
    authored: 'date',
    questionnaire: 'reference',
    author: 'reference',
    'based-on': 'reference',
  },
};
/** Types without their own list: the common parameters and these. */
const DEFAULT_PARAMS: Record<string, ParamKind> = {
  status: 'token',
  code: 'token',
  category: 'token',
  date: 'date',
};

/** Parameters that name the patient; with patient/ scopes they may only name the launch patient. */
const PATIENT_PARAMS = new Set(['patient', 'subject', 'subject:Patient', 'for', 'beneficiary']);
const RESULT_PARAM = {
  _count: /^\d{1,4}$/,
  _summary: /^(true|false|count|data|text)$/,
  _total: /^(none|estimate|accurate)$/,
  _elements: /^[A-Za-z][A-Za-z0-9.,]*$/,
  _sort: /^-?[A-Za-z_][A-Za-z0-9\-_]*(,-?[A-Za-z_][A-Za-z0-9\-_]*)*$/,
  _pretty: /^(true|false)$/,
  // What they bring back is checked resource by resource on the way out.
  _include: /^(\*|[A-Z][A-Za-z]+:[a-z][a-z0-9-]*(:[A-Z][A-Za-z]+)?)$/,
  _revinclude: /^(\*|[A-Z][A-Za-z]+:[a-z][a-z0-9-]*(:[A-Z][A-Za-z]+)?)$/,
} as const;

export type SearchDecision =
  { allowed: false; reason: string } | { allowed: true; query: URLSearchParams };

function namesOnly(value: string, patient: string): boolean {
  return value.split(',').every((item) => item === patient || item === `Patient/${patient}`);
}

function patientParam(type: string, key: string): boolean {
  return type === 'Patient' ? key === '_id' : PATIENT_PARAMS.has(key);
}

function paramKind(type: string, name: string): ParamKind | undefined {
  return COMMON[name] ?? (BY_TYPE[type] ?? DEFAULT_PARAMS)[name];
}

function checkParam(type: string, key: string, value: string, criteria: boolean): string | null {
  const [name = '', modifier, ...rest] = key.split(':');
  if (rest.length > 0 || name.includes('.')) return `chained parameters (${key}) are not supported`;
  if (name === '_include' || name === '_revinclude') {
    if (criteria) return `${name} is not allowed in conditional criteria`;
    if (modifier !== undefined && modifier !== 'iterate') return `${key} is not supported`;
    return RESULT_PARAM[name].test(value) ? null : `${key}=${value} is not a valid ${name}`;
  }
  if (name in RESULT_PARAM) {
    if (criteria) return `${name} is not allowed in conditional criteria`;
    if (modifier !== undefined) return `${key} is not supported`;
    return RESULT_PARAM[name as keyof typeof RESULT_PARAM].test(value)
      ? null
      : `${key}=${value} is not a valid value`;
  }
  const kind = patientParam(type, name) ? 'id' : paramKind(type, name);
  if (kind === undefined) return `the search parameter ${name} is not supported for ${type}`;
  if (modifier !== undefined && !MODIFIERS[kind].includes(modifier)) {
    return `the modifier :${modifier} is not supported on ${name}`;
  }
  return null;
}

/**
 * Confines a search (or conditional-create criteria, `criteria`) of a `patient/` token to the launch
 * patient: checks every parameter against the allowlist, drops the ones that name the launch patient
 * and adds the one compartment parameter.
 */
export function confineSearch(
  type: string,
  query: URLSearchParams,
  patient: string,
  criteria = false,
): SearchDecision {
  if (!hasPrimaryPatient(type)) {
    return { allowed: false, reason: `${type} cannot be searched with patient/ scopes` };
  }
  const compartmentParam = type === 'Patient' ? '_id' : 'patient';
  const confined = new URLSearchParams();
  for (const [key, value] of query) {
    if (patientParam(type, key)) {
      if (!namesOnly(value, patient)) {
        return { allowed: false, reason: `the token's patient/ scopes do not reach ${key}` };
      }
      continue;
    }
    const problem = checkParam(type, key, value, criteria);
    if (problem !== null) return { allowed: false, reason: problem };
    confined.append(key, value);
  }
  confined.append(compartmentParam, patient);
  return { allowed: true, query: withPrimaryElement(type, confined) };
}

/** `_elements` keeps the primary patient element, so what comes back can still be checked as ours. */
export function withPrimaryElement(type: string, query: URLSearchParams): URLSearchParams {
  const element = primaryPatientElement(type);
  const elements = query.getAll('_elements');
  if (element === undefined || elements.length === 0) return query;
  const shaped = new URLSearchParams([...query].filter(([key]) => key !== '_elements'));
  shaped.append('_elements', [...elements, element].join(','));
  return shaped;
}
