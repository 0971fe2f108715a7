package org.linkwell.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses creates and updates (also inside transactions) of resources that claim a Linkwell profile
 * but do not conform to it. Resources without a Linkwell profile are stored unchecked, so seed data
 * loads as-is; warnings (e.g. SNOMED CT not loaded) never refuse a write.
 */
@Interceptor
public class ProfileValidationInterceptor {

  public static final String PROFILE_PREFIX = "https://linkwell.example.org/fhir/StructureDefinition/";
  private static final Logger log = LoggerFactory.getLogger(ProfileValidationInterceptor.class);

  private final FhirContext fhirContext;
  private final FhirValidator validator;

  public ProfileValidationInterceptor(FhirContext fhirContext, IValidatorModule instanceValidator) {
    this.fhirContext = fhirContext;
    this.validator = fhirContext.newValidator();
    this.validator.registerValidatorModule(instanceValidator);
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
  public void beforeCreate(IBaseResource resource) {
    validateIfClaimed(resource);
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
  public void beforeUpdate(IBaseResource previous, IBaseResource updated) {
    validateIfClaimed(updated);
  }

  /** The ERROR and FATAL messages from validating against the profiles the resource claims. */
  public List<SingleValidationMessage> errorsOf(IBaseResource resource) {
    return validator.validateWithResult(resource).getMessages().stream()
        .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
        .toList();
  }

  private void validateIfClaimed(IBaseResource resource) {
    if (!claimsLinkwellProfile(resource)) {
      return;
    }
    List<SingleValidationMessage> errors = errorsOf(resource);
    if (errors.isEmpty()) {
      return;
    }
    // Type and count only: messages may quote resource content, so they go to the client, not the log.
    log.info("Refused {} failing its Linkwell profile with {} error(s)", resource.fhirType(), errors.size());
    throw new UnprocessableEntityException(fhirContext, toOperationOutcome(errors));
  }

  static boolean claimsLinkwellProfile(IBaseResource resource) {
    return resource.getMeta().getProfile().stream()
        .map(IPrimitiveType::getValueAsString)
        .anyMatch(p -> p != null && p.startsWith(PROFILE_PREFIX));
  }

  static OperationOutcome toOperationOutcome(List<SingleValidationMessage> errors) {
    OperationOutcome outcome = new OperationOutcome();
    for (SingleValidationMessage m : errors) {
      String where = ValidationLocations.failingElement(m);
      outcome.addIssue()
          .setSeverity(m.getSeverity() == ResultSeverityEnum.FATAL ? IssueSeverity.FATAL : IssueSeverity.ERROR)
          .setCode(IssueType.PROCESSING)
          .setDiagnostics(m.getMessage())
          .addLocation(where)
          .addExpression(where);
    }
    return outcome;
  }
}
