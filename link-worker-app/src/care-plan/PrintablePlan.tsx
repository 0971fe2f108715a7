import type { CaseCarePlan } from '@linkwell/contracts';
import { formatDate } from '../dates';
import { ACTION_WORDS, NEED_WORDS } from './care-plan-view';

/** The plan as the person takes it away: plain words, nothing about the service's workings. */
export function PrintablePlan({ name, data }: { name: string; data: CaseCarePlan }) {
  const open = data.actions.filter((a) => a.status !== 'dropped');
  return (
    <article className="lw-care-plan" aria-labelledby="care-plan-title">
      <h2 className="nhsuk-heading-m" id="care-plan-title">
        My care and support plan: {name}
      </h2>
      <h3 className="nhsuk-heading-s">What matters to me</h3>
      <p>{data.plan?.whatMatters ?? 'Not written yet.'}</p>
      <h3 className="nhsuk-heading-s">What we talked about</h3>
      {data.needs.length === 0 ? (
        <p>Nothing recorded yet.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {data.needs.map((n) => (
            <li key={n.id}>
              {NEED_WORDS[n.need] ?? n.need}
              {n.concern === undefined ? '' : `: ${n.concern}`}
            </li>
          ))}
        </ul>
      )}
      <h3 className="nhsuk-heading-s">My goals</h3>
      {data.goals.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {data.goals.map((g) => (
            <li key={g.id}>{g.description}</li>
          ))}
        </ul>
      )}
      <h3 className="nhsuk-heading-s">What we agreed to do</h3>
      {open.length === 0 ? (
        <p>Nothing yet.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {open.map((a) => (
            <li key={a.id}>
              {a.description}
              {a.who === undefined ? '' : ` (${a.who})`}
              {a.due === undefined ? '' : `, by ${formatDate(a.due)}`} — {ACTION_WORDS[a.status]}
            </li>
          ))}
        </ul>
      )}
      <h3 className="nhsuk-heading-s">Services I have been put in touch with</h3>
      {data.onward.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {data.onward.map((o) => (
            <li key={o.id}>{o.serviceName ?? 'A community service'}</li>
          ))}
        </ul>
      )}
    </article>
  );
}
