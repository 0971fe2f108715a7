import type { FhirGateway } from './gateway';

/**
 * Whether the FHIR server answers again: its CapabilityStatement (`GET metadata`, public and
 * cached by servers), asked of an endpoint that sync is waiting on after an outage.
 */
export async function answers(gateway: FhirGateway): Promise<boolean> {
  try {
    const { resource } = await gateway.request('GET', 'metadata');
    return resource?.resourceType === 'CapabilityStatement';
  } catch {
    return false;
  }
}
