package org.linkwell.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the conformance resources found under a directory with update-by-id, so a restart on a
 * file DB is idempotent. Examples living in the same tree are parsed (a broken file fails start-up)
 * but not stored; JSON files without a resourceType (manifests) are skipped.
 */
public class ProfileLoader {

  // Terminology before the profiles that bind to it, profiles before what may claim them.
  static final List<String> LOAD_ORDER =
      List.of("CodeSystem", "ValueSet", "StructureDefinition", "SearchParameter", "Questionnaire");

  private static final Logger log = LoggerFactory.getLogger(ProfileLoader.class);

  private final FhirContext fhirContext;
  private final DaoRegistry daoRegistry;

  public ProfileLoader(FhirContext fhirContext, DaoRegistry daoRegistry) {
    this.fhirContext = fhirContext;
    this.daoRegistry = daoRegistry;
  }

  /** Stores the conformance resources under dir and returns them. */
  public List<IBaseResource> load(Path dir) {
    List<IBaseResource> resources = new ArrayList<>();
    for (Path file : jsonFiles(dir)) {
      IBaseResource resource = parse(file);
      if (resource == null) {
        continue;
      }
      if (LOAD_ORDER.contains(resource.fhirType())) {
        if (resource.getIdElement().getIdPart() == null) {
          throw new IllegalStateException("Profile file has no id, cannot store it by id: " + file);
        }
        resources.add(resource);
      }
    }
    resources.sort(Comparator.comparingInt(r -> LOAD_ORDER.indexOf(r.fhirType())));
    for (IBaseResource resource : resources) {
      IFhirResourceDao<IBaseResource> dao = daoRegistry.getResourceDao(resource.fhirType());
      dao.update(resource, new SystemRequestDetails());
    }
    log.info("Loaded {} conformance resources from {}", resources.size(), dir);
    return resources;
  }

  private static List<Path> jsonFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read profiles directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Parses a FHIR JSON file; null for plain JSON that is no FHIR resource (e.g. a test manifest). */
  private IBaseResource parse(Path file) {
    IParser parser = fhirContext.newJsonParser();
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (!text.contains("\"resourceType\"")) {
        return null;
      }
      return parser.parseResource(text);
    } catch (IOException | DataFormatException e) {
      throw new IllegalStateException("Cannot parse FHIR JSON file " + file + ": " + e.getMessage(), e);
    }
  }
}
