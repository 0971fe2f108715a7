import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createSignIn, loadAppConfig } from './auth/sign-in';
import { SessionShell } from './components/SessionShell';
import { ProblemScreen } from './components/SessionScreens';
import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import '@linkwell/web-kit/nhs.css';
import './styles.css';

// Reads the adapter's sign-in settings, then hands over to the session shell.
async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    const config = await loadAppConfig();
    if (config.issuer === null) {
      root.render(
        <ProblemScreen
          title="Sign-in is not set up"
          message="This adapter has no identity provider (it runs with ADAPTER_FHIR_AUTH=none). Ask your administrator to connect it to the service's sign-in."
        />,
      );
      return;
    }
    const signIn = createSignIn({ ...config, issuer: config.issuer }, window.location.origin);
    root.render(
      <StrictMode>
        <SessionShell signIn={signIn} />
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <ProblemScreen
        title="The app could not start"
        message={error instanceof Error ? error.message : String(error)}
      />,
    );
  }
}

void boot();
