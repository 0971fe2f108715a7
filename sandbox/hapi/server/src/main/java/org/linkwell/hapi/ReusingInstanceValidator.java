package org.linkwell.hapi;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.conformance.profile.ProfileUtilities;
import org.hl7.fhir.r5.elementmodel.JsonParser;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.elementmodel.ParserBase.ValidationPolicy;
import org.hl7.fhir.r5.elementmodel.ValidatedFragment;
import org.hl7.fhir.r5.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's {@link FhirInstanceValidator} with the same settings and the same result, but without building
 * a new {@link InstanceValidator} for every resource.
 *
 * <p>HAPI 8.8's {@code ValidatorWrapper} constructs an {@code InstanceValidator} per validation, and that
 * constructor alone (a FHIRPath engine, profile utilities, an {@code OIDUtilities} that reads an OID CSV
 * from the classpath) costs more than validating a small resource. Here validators are kept in a pool
 * and each is used by one thread at a time: {@code InstanceValidator.validate} clears its per-run state
 * itself (fetch cache, resource tracker, tracked messages, messages to remove). A few of its collections
 * only ever grow (the codings seen, narrative id maps, profile look-ups); a validator is therefore
 * dropped after {@link #USES_PER_VALIDATOR} validations and a new one built, which bounds that memory
 * and any staleness of its profile look-up cache.
 *
 * <p>{@link #validate(IValidationContext)} mirrors {@code ValidatorWrapper.validate} of HAPI 8.8.0 for
 * JSON input (what {@code FhirValidator.validateWithResult(resource)} produces); anything else goes to
 * HAPI's own path.
 */
final class ReusingInstanceValidator extends FhirInstanceValidator {

  static final int USES_PER_VALIDATOR = 200;
  private static final Gson GSON = new Gson();

  private final ConcurrentLinkedQueue<Pooled> idle = new ConcurrentLinkedQueue<>();

  private static final class Pooled {
    final InstanceValidator validator;
    /** For the element-model JSON parser: without one, each parser builds two FHIRPath engines. */
    final ProfileUtilities parserUtilities;
    int uses;

    Pooled(InstanceValidator validator, ProfileUtilities parserUtilities) {
      this.validator = validator;
      this.parserUtilities = parserUtilities;
    }
  }

  /** Copies every setting of {@code template} (HAPI's bean) and validates over the given worker context. */
  ReusingInstanceValidator(
      FhirInstanceValidator template, IValidationSupport support, WorkerContextValidationSupportAdapter context) {
    super(support);
    setWrappedWorkerContext(support, context);
    setAnyExtensionsAllowed(template.isAnyExtensionsAllowed());
    if (template.getBestPracticeWarningLevel() != null) {
      setBestPracticeWarningLevel(template.getBestPracticeWarningLevel());
    }
    setErrorForUnknownProfiles(template.isErrorForUnknownProfiles());
    setCustomExtensionDomains(new ArrayList<>(template.getExtensionDomains()));
    setValidatorPolicyAdvisor(template.getValidatorPolicyAdvisor());
    setNoTerminologyChecks(template.isNoTerminologyChecks());
    setNoExtensibleWarnings(template.isNoExtensibleWarnings());
    setNoBindingMsgSuppressed(template.isNoBindingMsgSuppressed());
    setValidatorResourceFetcher(template.getValidatorResourceFetcher());
    setAssumeValidRestReferences(template.isAssumeValidRestReferences());
    setAllowExamples(template.isAllowExamples());
    setHostApplicationServices(template.getHostApplicationServices());
  }

  @Override
  protected List<ValidationMessage> validate(IValidationContext<?> theValidationCtx) {
    if (theValidationCtx.getResourceAsStringEncoding() != EncodingEnum.JSON) {
      return super.validate(theValidationCtx);
    }
    IWorkerContext context = provideWorkerContext();
    Pooled pooled = idle.poll();
    if (pooled == null) {
      // as ParserBase(IWorkerContext) builds it for every parser
      pooled = new Pooled(build(context), new ProfileUtilities(context, null, null, new FHIRPathEngine(context)));
    }
    try {
      return validateJson(pooled, context, theValidationCtx);
    } finally {
      if (++pooled.uses < USES_PER_VALIDATOR) {
        idle.offer(pooled);
      }
    }
  }

  /** As ValidatorWrapper.buildInstanceValidator plus the settings ValidatorWrapper.validate applies. */
  private InstanceValidator build(IWorkerContext context) {
    InstanceValidator v = new InstanceValidator(
        context,
        getHostApplicationServices() != null ? getHostApplicationServices() : new NullEvaluationContext(),
        new XVerExtensionManagerOld(context),
        new ValidatorSession(),
        new ValidatorSettings());
    v.setAssumeValidRestReferences(isAssumeValidRestReferences());
    v.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
    v.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
    v.setResourceIdRule(IdStatus.OPTIONAL);
    v.setNoTerminologyChecks(isNoTerminologyChecks());
    v.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
    // HAPI keeps this fixed (its interaction with UnknownCodeSystemWarningValidationSupport).
    v.setUnknownCodeSystemsCauseErrors(true);
    v.getExtensionDomains().addAll(getExtensionDomains());
    v.setFetcher(getValidatorResourceFetcher());
    v.setPolicyAdvisor(getValidatorPolicyAdvisor());
    v.setNoExtensibleWarnings(isNoExtensibleWarnings());
    v.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
    v.setAllowExamples(isAllowExamples());
    v.setAllowXsiLocation(true);
    return v;
  }

  private List<ValidationMessage> validateJson(Pooled pooled, IWorkerContext context, IValidationContext<?> ctx) {
    InstanceValidator v = pooled.validator;
    List<ValidationMessage> messages = new ArrayList<>();
    List<StructureDefinition> profiles = new ArrayList<>();
    List<ValidationMessage> invalidProfiles = new ArrayList<>();
    for (String url : ctx.getOptions().getProfiles()) {
      fetchAndAddProfile(context, profiles, url, invalidProfiles);
    }
    String input = ctx.getResourceAsString();
    JsonObject json = GSON.fromJson(input, JsonObject.class);
    JsonObject meta = json.getAsJsonObject("meta");
    if (meta != null) {
      JsonElement profile = meta.get("profile");
      if (profile != null && profile.isJsonArray()) {
        JsonArray urls = profile.getAsJsonArray();
        for (JsonElement url : urls) {
          fetchAndAddProfile(context, profiles, url.getAsString(), invalidProfiles);
        }
      }
    }
    ByteArrayInputStream stream = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    Object appContext = ctx.getOptions().getAppContext();
    if (profiles.stream().anyMatch(sd -> sd.getKind() == StructureDefinitionKind.LOGICAL)) {
      v.validate(appContext, messages, stream, FhirFormat.JSON, profiles);
    } else {
      parseAndValidate(pooled, context, appContext, messages, stream, profiles);
    }
    if (profiles.isEmpty() && !invalidProfiles.isEmpty()) {
      messages.addAll(invalidProfiles);
    }
    List<ValidationMessage> kept = new ArrayList<>(messages.size());
    for (ValidationMessage m : messages) {
      if (!suppressed(m)) {
        kept.add(m);
      }
    }
    for (ValidationMessage m : kept) {
      if (I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(m.getMessageId())
          || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(m.getMessageId())) {
        m.setLevel(isErrorForUnknownProfiles()
            ? ValidationMessage.IssueSeverity.ERROR
            : ValidationMessage.IssueSeverity.WARNING);
      }
    }
    return kept;
  }

  /**
   * InstanceValidator.validate(appContext, errors, stream, JSON, profiles) of org.hl7.fhir.validation
   * 6.7.9 for non-logical profiles, with a parser that reuses the pooled ProfileUtilities.
   */
  private static void parseAndValidate(
      Pooled pooled,
      IWorkerContext context,
      Object appContext,
      List<ValidationMessage> errors,
      ByteArrayInputStream stream,
      List<StructureDefinition> profiles) {
    InstanceValidator v = pooled.validator;
    JsonParser parser = new JsonParser(context, pooled.parserUtilities);
    parser.setupValidation(ValidationPolicy.EVERYTHING);
    parser.setAllowComments(v.isAllowComments());
    parser.setSignatureServices(v.getSignatureServices());
    v.validatedContent = null;
    try {
      v.validatedContent = parser.parse(stream);
    } catch (IOException e) {
      throw new FHIRException(e);
    }
    List<ValidatedFragment> fragments = v.validatedContent;
    if (fragments == null || fragments.isEmpty()) {
      return;
    }
    // JsonParser implies no profile (ParserBase.getImpliedProfile() is null), so none is added here.
    for (ValidatedFragment fragment : fragments) {
      if (fragment.getElement() != null) {
        v.validate(appContext, fragment.getErrors(), fragments.size() > 1 ? fragment.path() : null,
            fragment.getElement(), profiles);
      }
      errors.addAll(fragment.getErrors());
    }
  }

  private static boolean suppressed(ValidationMessage m) {
    String id = m.getMessageId();
    return id != null
        && (id.equals(I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE)
            || (id.equals(I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND)
                && m.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes")));
  }

  private static void fetchAndAddProfile(
      IWorkerContext context, List<StructureDefinition> profiles, String url, List<ValidationMessage> invalid) {
    try {
      StructureDefinition sd = context.fetchResource(StructureDefinition.class, url);
      if (sd != null) {
        profiles.add(sd);
      } else {
        ValidationMessage m = new ValidationMessage();
        m.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
        m.setLevel(ValidationMessage.IssueSeverity.ERROR);
        m.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
        invalid.add(m);
      }
    } catch (FHIRException e) {
      // as HAPI: an unloadable profile is skipped (HAPI logs it at debug level)
    }
  }
}
