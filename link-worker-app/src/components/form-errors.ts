import { ApiError } from '@linkwell/contracts';

// What is wrong with a form, as the NHS design system shows it: an error summary at the top, each
// problem a link to the control it is about, and the same words beside that control. Problems come
// from the form's own checks (a required answer left empty) or from the adapter's refusal, whose
// `field` (the contract's path, `answers.anxiety`, `needs[1]`) names the control through the form's
// `FieldControls`.

/** One thing to fix: against a control on the form (its id), or the whole form. */
export interface FormProblem {
  readonly message: string;
  readonly control?: string;
}

export type FormProblems = readonly FormProblem[];

/** Where a form takes each field of its request: the API field → the id of its first control. */
export type FieldControls = Readonly<Record<string, string>>;

/**
 * The control for an API field: its own entry, else the nearest enclosing field's
 * (`answers.anxiety` → `answers`, `needs[1]` → `needs`), else none (the whole form).
 */
export function controlOf(field: string | undefined, controls: FieldControls): string | undefined {
  let path = field;
  while (path !== undefined && path !== '') {
    const control = controls[path];
    if (control !== undefined) return control;
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    path = cut <= 0 ? undefined : path.slice(0, cut);
  }
  return undefined;
}

/** A refusal (or any failure) as the form's problems, in `words` (the adapter's, by default). */
export function problemsOf(
  failure: unknown,
  controls: FieldControls = {},
  words: (failure: unknown) => string = refusalText,
): FormProblems {
  const control = failure instanceof ApiError ? controlOf(failure.field, controls) : undefined;
  return [{ message: words(failure), ...(control === undefined ? {} : { control }) }];
}

/** What to show beside a control: its problems' words, joined. */
export function messageAt(problems: FormProblems, control: string): string | undefined {
  const own = problems.filter((problem) => problem.control === control);
  return own.length === 0 ? undefined : own.map((problem) => problem.message).join(' ');
}

/** The form's own checks: each rule that fails is a problem against its control. */
export function check(
  rules: readonly (readonly [failed: boolean, control: string, message: string])[],
): FormProblems {
  return rules.filter(([failed]) => failed).map(([, control, message]) => ({ control, message }));
}

/** The adapter's words. */
export const refusalText = (failure: unknown): string =>
  failure instanceof Error ? failure.message : String(failure);

/** For a form with a share box: a 409 `no-consent` says what to do next. */
export function shareRefusalText(failure: unknown): string {
  if (failure instanceof ApiError && failure.code === 'no-consent') {
    const words = /[.!?]$/.test(failure.message) ? failure.message : `${failure.message}.`;
    return `Not saved: ${words} The share box now follows the person’s consent: save again to keep this with your service only.`;
  }
  return refusalText(failure);
}
