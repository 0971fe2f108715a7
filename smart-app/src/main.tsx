import FHIR from 'fhirclient';
import { boot } from './boot';
// Stylesheets have no TypeScript entry point: nhsuk-frontend's (made offline by the web-kit Vite
// plugin), then Linkwell's own additions on top.
import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import '@linkwell/web-kit/nhs.css';

const container = document.getElementById('root');
if (container !== null) {
  void boot(container, {
    ready: () => FHIR.oauth2.ready(),
    search: window.location.search,
    storage: window.sessionStorage,
  });
}
