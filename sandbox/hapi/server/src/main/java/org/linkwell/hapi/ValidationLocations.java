package org.linkwell.hapi;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names the element a validation error is about, for OperationOutcome.issue.expression. */
final class ValidationLocations {

  // Cardinality errors are reported on the parent ("ServiceRequest") with the child path in the text:
  // "ServiceRequest.reasonCode: minimum required = 1, but only found 0 (from ...)".
  private static final Pattern ELEMENT_PREFIX = Pattern.compile("^([A-Z][A-Za-z]*(?:\\.[A-Za-z0-9\\[\\]]+)+):\\s");

  private ValidationLocations() {}

  static String failingElement(SingleValidationMessage m) {
    String location = m.getLocationString();
    Matcher named = ELEMENT_PREFIX.matcher(m.getMessage() == null ? "" : m.getMessage());
    if (named.find() && (location == null || !location.contains("."))) {
      return named.group(1);
    }
    return location;
  }
}
