// Integration tests talk to a real HAPI FHIR server on a 2-core machine: allow it time.
jest.setTimeout(120_000);
