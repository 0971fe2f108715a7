package org.linkwell.hapi;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first validation against a profile costs seconds (validator start-up, snapshot generation),
 * and concurrent first validations can fail snapshot generation (HAPI-0707): pay it once, before the
 * port opens, so every client write finds the snapshots cached.
 */
final class ValidationWarmUp {

  private static final Logger log = LoggerFactory.getLogger(ValidationWarmUp.class);

  private ValidationWarmUp() {}

  static void run(
      FhirContext fhirContext, ProfileValidationInterceptor validation, List<IBaseResource> loaded) {
    List<StructureDefinition> profiles = loaded.stream()
        .filter(StructureDefinition.class::isInstance)
        .map(StructureDefinition.class::cast)
        .filter(sd -> sd.getKind() == StructureDefinitionKind.RESOURCE
            && sd.getDerivation() == TypeDerivationRule.CONSTRAINT)
        .toList();
    if (profiles.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    for (StructureDefinition profile : profiles) {
      try {
        IBaseResource empty = fhirContext.getResourceDefinition(profile.getType()).newInstance();
        empty.getMeta().addProfile(profile.getUrl());
        validation.errorsOf(empty); // errors expected: an empty resource; only the caching matters
      } catch (RuntimeException e) {
        log.warn("Validation warm-up failed for {}: {}", profile.getUrl(), e.getMessage());
      }
    }
    log.info("Validation warmed up for {} profile(s) in {} ms",
        profiles.size(), (System.nanoTime() - started) / 1_000_000);
  }
}
