import FHIR from 'fhirclient';
import { boot } from './boot';
// A stylesheet has no TypeScript entry point to go through: the one deep import we need.
import '@linkwell/web-kit/nhs.css';

const container = document.getElementById('root');
if (container !== null) {
  void boot(container, {
    ready: () => FHIR.oauth2.ready(),
    search: window.location.search,
    storage: window.sessionStorage,
  });
}
