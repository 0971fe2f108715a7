package org.linkwell.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;

/**
 * HAPI answers a stale If-Match with 409 Conflict; FHIR's RESTful API says 412 Precondition Failed,
 * which is what clients doing optimistic locking check for.
 */
@Interceptor
public class IfMatchPreconditionInterceptor {

  @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
  public BaseServerResponseException toPreconditionFailed(RequestDetails request, Throwable exception) {
    if (exception instanceof ResourceVersionConflictException conflict
        && request.getHeader(Constants.HEADER_IF_MATCH) != null) {
      return new PreconditionFailedException(conflict.getMessage(), conflict.getOperationOutcome());
    }
    return null; // leave every other exception as HAPI made it
  }
}
