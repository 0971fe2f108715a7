import type { Questionnaire, QuestionnaireItem } from 'fhir/r4';

// The person's page: plain HTML that works without JavaScript or an account, one radio group per
// question, large targets for a phone. Texts come from the Questionnaire the profiles define.

const escape = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)}</title>
<link rel="stylesheet" href="/q/style.css">
</head>
<body>
<header class="q-header"><span class="q-logo">Linkwell</span> Social prescribing</header>
<main class="q-main" id="main">
${body}
</main>
</body>
</html>`;
}

function choices(item: QuestionnaireItem): { value: number; label: string }[] {
  if (item.type === 'integer') {
    const bound = (url: string, fallback: number): number =>
      item.extension?.find((e) => e.url.endsWith(url))?.valueInteger ?? fallback;
    const min = bound('/minValue', 0);
    const max = bound('/maxValue', 10);
    return Array.from({ length: max - min + 1 }, (_, i) => ({
      value: min + i,
      label: String(min + i),
    }));
  }
  return (item.answerOption ?? []).flatMap((o) => {
    const value = Number(o.valueCoding?.code);
    return Number.isInteger(value)
      ? [{ value, label: o.valueCoding?.display ?? String(value) }]
      : [];
  });
}

/** The questions as radio groups; `problem` says what to fix after a refused answer. */
export function questionnairePage(
  questionnaire: Questionnaire,
  action: string,
  given: Readonly<Record<string, string>> = {},
  problem?: string,
): string {
  const title = questionnaire.title ?? 'Questionnaire';
  const items = questionnaire.item ?? [];
  const intro = items
    .filter((i) => i.type === 'display')
    .map((i) => `<p>${escape(i.text ?? '')}</p>`)
    .join('\n');
  const questions = items
    .filter((i) => i.type !== 'display')
    .map((item, n) => {
      const name = escape(item.linkId);
      const options = choices(item)
        .map((c) => {
          const id = `${name}-${c.value}`;
          const checked = given[item.linkId] === String(c.value) ? ' checked' : '';
          return `<div class="q-radio"><input type="radio" id="${id}" name="${name}" value="${c.value}" required${checked}><label for="${id}">${escape(c.label)}</label></div>`;
        })
        .join('');
      const inline = item.type === 'integer' ? ' q-radios--scale' : '';
      return `<fieldset class="q-fieldset"><legend>${n + 1}. ${escape(item.text ?? '')}</legend><div class="q-radios${inline}">${options}</div></fieldset>`;
    })
    .join('\n');
  const alert =
    problem === undefined
      ? ''
      : `<div class="q-problem" role="alert"><h2>There is a problem</h2><p>${escape(problem)}</p></div>`;
  return page(
    title,
    `<h1>${escape(title)}</h1>
${alert}
${intro}
<p>Your link worker asked you to fill this in. It takes a few minutes. This link works once.</p>
<form method="post" action="${escape(action)}">
${questions}
<button type="submit" class="q-button">Send my answers</button>
</form>`,
  );
}

const MESSAGES = {
  done: ['Thank you', 'Your answers have been sent to your link worker. You can close this page.'],
  used: [
    'This link has already been used',
    'Each link works once. If you need to change your answers, ask your link worker for a new link.',
  ],
  expired: ['This link has expired', 'Ask your link worker for a new link.'],
  altered: [
    'This link does not work',
    'Check that you copied the whole link, or ask your link worker for a new one.',
  ],
} as const;

export type LinkMessage = keyof typeof MESSAGES;

export function messagePage(kind: LinkMessage): string {
  const [title, text] = MESSAGES[kind];
  return page(title, `<h1>${escape(title)}</h1>\n<p>${escape(text)}</p>`);
}

export const QUESTIONNAIRE_CSS = `
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.47;color:#212b32;background:#f0f4f5}
.q-header{background:#005eb8;color:#fff;padding:12px 16px;font-weight:bold}
.q-logo{margin-right:8px}
.q-main{max-width:640px;margin:0 auto;padding:16px}
h1{font-size:28px;line-height:1.2;margin:8px 0 16px}
.q-fieldset{border:0;margin:0 0 24px;padding:0}
legend{font-weight:bold;margin-bottom:8px}
.q-radio{display:flex;align-items:center;margin-bottom:8px;background:#fff;border:2px solid #4c6272;border-radius:4px}
.q-radio input{width:32px;height:32px;margin:8px;flex:none}
.q-radio label{padding:8px 8px 8px 0;flex:1;cursor:pointer}
.q-radios--scale{display:flex;flex-wrap:wrap;gap:8px}
.q-radios--scale .q-radio{margin:0;min-width:64px}
.q-button{font-size:19px;font-weight:bold;color:#fff;background:#007f3b;border:0;border-radius:4px;padding:12px 16px;box-shadow:0 4px 0 #00401e;min-height:48px}
.q-button:focus,input:focus{outline:4px solid #ffeb3b;outline-offset:0}
.q-problem{border:4px solid #d5281b;padding:8px 16px;background:#fff;margin-bottom:16px}
`;
