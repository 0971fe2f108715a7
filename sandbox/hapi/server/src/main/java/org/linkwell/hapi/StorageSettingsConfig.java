package org.linkwell.hapi;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HAPI JPA behaviour switches Linkwell relies on, in one place. */
@Configuration
public class StorageSettingsConfig {

  @Bean
  public JpaStorageSettings storageSettings() {
    JpaStorageSettings s = new JpaStorageSettings();
    // A search right after a write must see it: never reuse cached search results.
    s.setReuseCachedSearchResultsForMillis(null);
    // PUT Organization/linkwell-service etc.: client ids may be non-numeric.
    s.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ALPHANUMERIC);
    s.setAllowMultipleDelete(true);
    s.setDeleteExpungeEnabled(false);
    s.setExpungeEnabled(true);
    // Keeps writes cheap; :missing searches are not used by Linkwell.
    s.setIndexMissingFields(StorageSettings.IndexEnabledEnum.DISABLED);
    s.setHibernateSearchIndexFullText(false);
    // Pre-expansion needs Hibernate Search (off); the validator expands our small ValueSets in memory.
    s.setPreExpandValueSets(false);
    s.setEnableTaskPreExpandValueSets(false);
    s.setHibernateSearchIndexSearchParams(false);
    return s;
  }

  @Bean
  public PartitionSettings partitionSettings() {
    return new PartitionSettings();
  }

  @Bean
  public SubscriptionSettings subscriptionSettings() {
    SubscriptionSettings s = new SubscriptionSettings();
    s.addSupportedSubscriptionType(SubscriptionChannelType.RESTHOOK);
    s.setEnableInMemorySubscriptionMatching(true);
    // Activate a new Subscription straight away instead of on the next poll.
    s.setSubscriptionChangeQueuedImmediately(true);
    s.setSubscriptionIntervalInMs(1000);
    return s;
  }

  /** Email subscriptions are not offered, but HAPI's delivery wiring wants a sender bean. */
  @Bean
  public IEmailSender emailSender() {
    return details -> {
      throw new UnsupportedOperationException("email subscriptions are not enabled");
    };
  }
}
