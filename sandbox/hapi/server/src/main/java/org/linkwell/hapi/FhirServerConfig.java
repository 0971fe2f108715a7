package org.linkwell.hapi;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** HAPI's JPA R4 server, its rest-hook subscription machinery, and the REST servlet in front of it. */
@Configuration
@Import({
  DatabaseConfig.class,
  StorageSettingsConfig.class,
  JpaR4Config.class,
  HapiJpaConfig.class,
  ThreadPoolFactoryConfig.class,
  // Batch2 runs HAPI's background jobs (terminology indexing, reindex after SearchParameter changes).
  JpaBatch2Config.class,
  Batch2JobsConfig.class,
  SubscriptionSubmitterConfig.class,
  SubscriptionProcessorConfig.class,
  SubscriptionChannelConfig.class
})
public class FhirServerConfig {

  private static final Logger log = LoggerFactory.getLogger(FhirServerConfig.class);

  @Bean
  public ProfileValidationInterceptor profileValidationInterceptor(
      FhirContext fhirContext,
      @Qualifier("myInstanceValidator") IInstanceValidatorModule instanceValidator,
      IInterceptorService interceptorService,
      ServerArgs args) {
    // Same settings, validation support chain and worker context as HAPI's bean (so the same
    // refusals), but validator instances are pooled instead of built for every resource.
    IInstanceValidatorModule module = instanceValidator;
    if (args.validation() == ServerArgs.Validation.POOLED && instanceValidator instanceof FhirInstanceValidator hapi) {
      module = new ReusingInstanceValidator(hapi, hapi.getValidationSupport(), hapi.getWorkerContext());
    }
    log.info("Profile validation on write: {}", module == instanceValidator ? "per-call (HAPI's own)" : "pooled");
    ProfileValidationInterceptor interceptor = new ProfileValidationInterceptor(fhirContext, module);
    // Registered on the storage layer so it sees every write, including each transaction entry.
    interceptorService.registerInterceptor(interceptor);
    return interceptor;
  }

  @Bean
  public ProfileLoader profileLoader(FhirContext fhirContext, DaoRegistry daoRegistry) {
    return new ProfileLoader(fhirContext, daoRegistry);
  }

  @Bean
  public RestfulServer restfulServer(
      IFhirSystemDao<?, ?> systemDao,
      ResourceProviderFactory resourceProviders,
      IJpaSystemProvider systemProvider,
      ValueSetOperationProvider valueSetOperations,
      DatabaseBackedPagingProvider pagingProvider,
      JpaStorageSettings storageSettings,
      ISearchParamRegistry searchParamRegistry,
      IValidationSupport validationSupport,
      ProfileValidationInterceptor profileValidation) {
    RestfulServer server = new RestfulServer(systemDao.getContext());
    server.registerProviders(resourceProviders.createProviders());
    server.registerProvider(systemProvider);
    server.registerProvider(valueSetOperations);
    server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
        server, systemDao, storageSettings, searchParamRegistry, validationSupport));
    server.setPagingProvider(pagingProvider);
    server.setDefaultResponseEncoding(EncodingEnum.JSON);
    server.registerInterceptor(new IfMatchPreconditionInterceptor());
    return server;
  }
}
