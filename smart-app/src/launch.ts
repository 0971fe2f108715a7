import FHIR from 'fhirclient';
import { loadAppConfig, redirectUriFor, scopeFor } from './smart/app-config';
// Stylesheets have no TypeScript entry point: nhsuk-frontend's (made offline by the web-kit Vite
// plugin), then Linkwell's own additions on top.
import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import '@linkwell/web-kit/nhs.css';

// The SMART launch URL: the EHR opens it with `iss` and `launch`; a standalone launch with `iss` only.
async function launch(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const config = await loadAppConfig();
  await FHIR.oauth2.authorize({
    clientId: config.clientId,
    scope: scopeFor(config, params.has('launch')),
    redirectUri: redirectUriFor(window.location.origin),
    pkceMode: 'required',
  });
}

function showProblem(message: string): void {
  const root = document.getElementById('root');
  if (root === null) return;
  const heading = document.createElement('h1');
  heading.className = 'nhsuk-heading-l';
  heading.textContent = 'Linkwell could not connect to the patient record';
  const advice = document.createElement('p');
  advice.textContent =
    "Open Linkwell again from the patient's record. If it keeps happening, give your IT support this message:";
  const detail = document.createElement('p');
  detail.className = 'lw-server-words';
  detail.textContent = message;
  root.replaceChildren(heading, advice, detail);
}

launch().catch((error: unknown) => {
  showProblem(error instanceof Error ? error.message : String(error));
});
