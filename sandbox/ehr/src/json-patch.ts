import type { FhirResource } from 'fhir/r4';
import { applyPatch, JsonPatchError, type Operation } from 'fast-json-patch';
import { badRequest, unprocessable, unsupportedMedia } from './outcome';

export const JSON_PATCH_TYPE = 'application/json-patch+json';

/**
 * Applies an RFC 6902 JSON Patch to the stored resource, as HAPI would, so the proxy can check the
 * result before anything is written. FHIRPath Patch and XML Patch are refused: the proxy cannot
 * evaluate them the way HAPI does.
 */
export function applyJsonPatch(
  current: FhirResource,
  contentType: string | undefined,
  body: string,
): FhirResource {
  if (!(contentType ?? '').toLowerCase().startsWith(JSON_PATCH_TYPE)) {
    throw unsupportedMedia(`with patient/ scopes a patch must be ${JSON_PATCH_TYPE}`);
  }
  let operations: unknown;
  try {
    operations = JSON.parse(body);
  } catch {
    throw badRequest('the patch is not JSON');
  }
  if (!Array.isArray(operations)) throw badRequest('a JSON Patch is an array of operations');
  let patched: unknown;
  try {
    // Validated, on a copy, refusing __proto__ and constructor paths.
    patched = applyPatch(current, operations as Operation[], true, false, true).newDocument;
  } catch (error) {
    if (error instanceof JsonPatchError) {
      throw unprocessable(`the patch cannot be applied: ${error.name}`);
    }
    // fast-json-patch refuses __proto__ and constructor paths with a TypeError.
    if (error instanceof TypeError) throw unprocessable('the patch modifies a forbidden path');
    throw error;
  }
  const result = patched as FhirResource;
  if (result.resourceType !== current.resourceType || result.id !== current.id) {
    throw unprocessable('a patch may not change the resource type or id');
  }
  const meta = { ...result.meta };
  delete meta.versionId;
  delete meta.lastUpdated;
  return { ...result, meta };
}
