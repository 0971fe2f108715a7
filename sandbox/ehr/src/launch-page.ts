import { Router } from 'express';
import type { Patient } from 'fhir/r4';
import type { ClientRegistry, RegisteredClient } from './clients';
import type { EhrConfig } from './config';
import { listChoices, options } from './directory';
import { escapeHtml, page } from './html';
import type { LaunchStore } from './launch-store';
import type { Logger } from './log';

interface LaunchPageDeps {
  clients: ClientRegistry;
  launches: LaunchStore;
  log: Logger;
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The registered client a launch URL belongs to: its exact launch_uri, else its origin. */
export function clientForLaunchUri(
  clients: readonly RegisteredClient[],
  launchUri: string,
): RegisteredClient | undefined {
  const exact = clients.find((client) => client.launchUri === launchUri);
  if (exact !== undefined) return exact;
  let origin: string;
  try {
    origin = new URL(launchUri).origin;
  } catch {
    return undefined;
  }
  return clients.find(
    (client) => client.launchUri !== undefined && client.origins.includes(origin),
  );
}

async function exists(upstream: string, reference: string): Promise<boolean> {
  const response = await fetch(`${upstream}/${reference}`, {
    headers: { accept: 'application/fhir+json' },
  });
  await response.arrayBuffer();
  return response.ok;
}

/** `/` (pick and launch), `/ehr` (the EHR page around the app), `/launch` (the script-friendly launch URL). */
export function launchPageRoutes(config: EhrConfig, deps: LaunchPageDeps): Router {
  const router = Router();
  const apps = deps.clients.clients.filter((client) => client.launchUri !== undefined);

  router.get('/', async (req, res) => {
    const patient = text(req.query.patient);
    const [practitioners, patients, encounters] = await Promise.all([
      listChoices(config.fhirUpstream, 'Practitioner'),
      listChoices(config.fhirUpstream, 'Patient'),
      patient !== undefined && ID.test(patient)
        ? listChoices(config.fhirUpstream, 'Encounter', `&patient=${patient}`)
        : Promise.resolve([]),
    ]);
    const appOptions = apps.map((a) => ({ id: a.clientId, label: a.name }));
    res.type('html').send(
      page(
        'Launch an app',
        `<main><h1>Open a patient's record and launch an app</h1><form method="get" action="/ehr">
<label for="practitioner">Signed-in clinician</label><select id="practitioner" name="practitioner">${options(practitioners, text(req.query.practitioner))}</select>
<label for="patient">Patient</label><select id="patient" name="patient">${options(patients, patient)}</select>
<button type="submit" formaction="/">Show this patient's encounters</button>
<label for="encounter">Encounter (optional)</label><select id="encounter" name="encounter"><option value="">none</option>${options(encounters)}</select>
<label for="client">App</label><select id="client" name="client">${options(appOptions)}</select>
<br><button type="submit">Open record and launch</button></form>
<p>Scripts and tests can skip this page: <code>GET /launch?patient=&lt;id&gt;&amp;practitioner=&lt;id&gt;&amp;launch_uri=&lt;app launch URL&gt;[&amp;encounter=&lt;id&gt;]</code>
redirects to <code>launch_uri?iss=${escapeHtml(config.fhirBase)}&amp;launch=…</code>.</p></main>`,
      ),
    );
  });

  router.get('/ehr', async (req, res) => {
    const client = apps.find((a) => a.clientId === text(req.query.client));
    const patientId = text(req.query.patient) ?? '';
    if (client?.launchUri === undefined || !ID.test(patientId)) {
      res
        .status(400)
        .type('html')
        .send(
          page(
            'Cannot launch',
            '<main class="error">Choose a registered app and a patient.</main>',
          ),
        );
      return;
    }
    const response = await fetch(`${config.fhirUpstream}/Patient/${patientId}`, {
      headers: { accept: 'application/fhir+json' },
    });
    const patient = response.ok ? ((await response.json()) as Patient) : undefined;
    const name = patient?.name?.[0];
    const launch = new URLSearchParams({
      patient: patientId,
      practitioner: text(req.query.practitioner) ?? '',
      launch_uri: client.launchUri,
      ...(text(req.query.encounter) === undefined
        ? {}
        : { encounter: text(req.query.encounter) ?? '' }),
    });
    res.type('html').send(
      page(
        `Record — ${client.name}`,
        `<div class="banner"><strong>${escapeHtml(name?.text ?? [name?.given?.join(' '), name?.family].filter(Boolean).join(' '))}</strong>
 · born ${escapeHtml(patient?.birthDate ?? '?')} · ${escapeHtml(patient?.gender ?? '')} · id ${escapeHtml(patientId)}</div>
<main><iframe title="${escapeHtml(client.name)}" src="/launch?${escapeHtml(launch.toString())}"></iframe></main>`,
      ),
    );
  });

  router.get('/launch', async (req, res) => {
    const patient = text(req.query.patient);
    const practitioner = text(req.query.practitioner);
    const encounter = text(req.query.encounter);
    const launchUri = text(req.query.launch_uri);
    const problems: string[] = [];
    if (practitioner === undefined || !ID.test(practitioner))
      problems.push('practitioner (an id) is required');
    if (patient !== undefined && !ID.test(patient)) problems.push('patient must be a FHIR id');
    if (encounter !== undefined && !ID.test(encounter))
      problems.push('encounter must be a FHIR id');
    const client =
      launchUri === undefined ? undefined : clientForLaunchUri(deps.clients.clients, launchUri);
    if (client === undefined)
      problems.push('launch_uri must be the launch URL of a registered app');
    if (problems.length === 0) {
      const refs = [
        `Practitioner/${practitioner ?? ''}`,
        ...(patient ? [`Patient/${patient}`] : []),
        ...(encounter ? [`Encounter/${encounter}`] : []),
      ];
      for (const ref of refs)
        if (!(await exists(config.fhirUpstream, ref)))
          problems.push(`${ref} is not on the FHIR server`);
    }
    if (problems.length > 0 || launchUri === undefined || practitioner === undefined) {
      res
        .status(400)
        .type('html')
        .send(
          page(
            'Cannot launch',
            `<main class="error">${problems.map(escapeHtml).join('<br>')}</main>`,
          ),
        );
      return;
    }
    const needPatientBanner = text(req.query.need_patient_banner) === 'true';
    const launch = deps.launches.issue({
      practitioner,
      patient,
      encounter,
      needPatientBanner,
      clientId: client?.clientId,
    });
    deps.log.info('launch.issued', { client: client?.clientId });
    const target = new URL(launchUri);
    target.searchParams.set('iss', config.fhirBase);
    target.searchParams.set('launch', launch);
    res.redirect(302, target.toString());
  });

  router.get('/smart-style.json', (_req, res) => {
    res.json({
      color_background: '#f4f6f8',
      color_highlight: '#0b4f6c',
      color_text: '#1d2733',
      font_family: 'system-ui, sans-serif',
      dim_border_radius: '4px',
    });
  });

  return router;
}
