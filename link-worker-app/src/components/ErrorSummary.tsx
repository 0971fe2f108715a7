import { useEffect, useId, useRef } from 'react';
import type { FormProblems } from './form-errors';

/** Moves to a problem's control (focusing scrolls it into view), however the page is routed. */
function focusControl(id: string): void {
  document.getElementById(id)?.focus();
}

/**
 * NHS error summary: "There is a problem", then each problem, a link to its control when it has
 * one. It takes the focus when it appears after an action (`focus`), so a screen reader hears it.
 */
export function ErrorSummary({
  problems,
  title = 'There is a problem',
  focus = true,
}: {
  problems: FormProblems;
  title?: string;
  focus?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (focus && problems.length > 0) box.current?.focus();
  }, [focus, problems]);
  if (problems.length === 0) return null;
  return (
    <div
      className="nhsuk-error-summary"
      ref={box}
      tabIndex={-1}
      role="alert"
      aria-labelledby={titleId}
    >
      <h2 className="nhsuk-error-summary__title" id={titleId}>
        {title}
      </h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {problems.map((problem, i) => (
            <li key={`${String(i)}-${problem.control ?? 'form'}`}>
              {problem.control === undefined ? (
                problem.message
              ) : (
                <a
                  href={`#${problem.control}`}
                  onClick={(e) => {
                    e.preventDefault();
                    focusControl(problem.control ?? '');
                  }}
                >
                  {problem.message}
                </a>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
