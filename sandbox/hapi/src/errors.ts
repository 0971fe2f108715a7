/** A problem starting our HAPI FHIR server that a person can fix (missing Java, failed build...). */
export class HapiLaunchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HapiLaunchError';
  }
}
