import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type Client from 'fhirclient/lib/Client';
import { App, Header } from './components/App';
import { Loading, ProblemScreen } from './components/ProblemScreen';
import { problemOf } from './smart/problems';
import { launchInProgress } from './smart/smart-client';

export interface BootDeps {
  /** fhirclient's `FHIR.oauth2.ready`: completes the launch (exchanges the code) or resumes it. */
  readonly ready: () => Promise<Client>;
  readonly search: string;
  readonly storage: Pick<Storage, 'getItem'>;
}

/**
 * Completes the launch BEFORE React renders, so the authorization code is exchanged exactly once
 * (StrictMode runs effects twice; this runs once per page load), then renders the app or a screen.
 */
export async function boot(container: HTMLElement, deps: BootDeps): Promise<void> {
  const root = createRoot(container);
  if (!launchInProgress(deps.search, deps.storage)) {
    root.render(
      <>
        <Header />
        <ProblemScreen problem={{ kind: 'no-launch' }} />
      </>,
    );
    return;
  }
  root.render(<Loading label="Connecting to the patient record…" />);
  try {
    const client = await deps.ready();
    root.render(
      <StrictMode>
        <App client={client} />
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <>
        <Header />
        <ProblemScreen problem={problemOf(error, 'launch')} />
      </>,
    );
  }
}
