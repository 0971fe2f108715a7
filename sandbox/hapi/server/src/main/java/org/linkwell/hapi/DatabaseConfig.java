package org.linkwell.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.dbcp2.BasicDataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/** The datasource (H2, or PostgreSQL for `--db jdbc:postgresql:…`) and HAPI's Hibernate entity manager. */
@Configuration
public class DatabaseConfig {

  @Bean(destroyMethod = "close")
  public BasicDataSource dataSource(ServerArgs args) {
    if (args.postgres()) {
      // User and password travel in the JDBC URL (`?user=…&password=…`), as the driver reads them.
      BasicDataSource ds = new BasicDataSource();
      ds.setDriverClassName("org.postgresql.Driver");
      ds.setUrl(args.jdbcUrl());
      ds.setMaxTotal(10);
      return ds;
    }
    BasicDataSource ds = new ShutdownOnCloseDataSource();
    ds.setDriverClassName("org.h2.Driver");
    ds.setUrl(args.jdbcUrl());
    ds.setUsername("sa");
    ds.setPassword("");
    ds.setMaxTotal(10);
    return ds;
  }

  @Primary
  @Bean
  public LocalContainerEntityManagerFactoryBean entityManagerFactory(
      ConfigurableListableBeanFactory beanFactory,
      FhirContext fhirContext,
      JpaStorageSettings storageSettings,
      BasicDataSource dataSource,
      ServerArgs args) {
    LocalContainerEntityManagerFactoryBean emf =
        HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
    emf.setPersistenceUnitName("HAPI_PU");
    emf.setDataSource(dataSource);
    emf.setJpaPropertyMap(hibernateProperties(args));
    return emf;
  }

  @Primary
  @Bean
  public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
    return new JpaTransactionManager(entityManagerFactory);
  }

  private static Map<String, Object> hibernateProperties(ServerArgs args) {
    Map<String, Object> p = new HashMap<>();
    p.put(
        "hibernate.dialect",
        (args.postgres() ? HapiFhirPostgresDialect.class : HapiFhirH2Dialect.class).getName());
    // Creates the schema on first run of a file DB and adds new columns after a HAPI upgrade.
    p.put("hibernate.hbm2ddl.auto", "update");
    p.put("hibernate.archive.scanner", "org.hibernate.boot.archive.scan.internal.DisabledScanner");
    p.put("hibernate.implicit_naming_strategy",
        "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy");
    p.put("hibernate.physical_naming_strategy",
        "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
    p.put("hibernate.jdbc.batch_size", "20");
    p.put("hibernate.cache.use_query_cache", "false");
    p.put("hibernate.cache.use_second_level_cache", "false");
    p.put("hibernate.cache.use_structured_entries", "false");
    p.put("hibernate.cache.use_minimal_puts", "false");
    p.put("hibernate.show_sql", "false");
    // No Lucene/Elasticsearch: full-text and _content/_text search are not needed by Linkwell.
    p.put("hibernate.search.enabled", "false");
    return p;
  }

  /** Runs H2's SHUTDOWN before the pool closes, so a file DB is flushed and closed cleanly on SIGTERM. */
  static final class ShutdownOnCloseDataSource extends BasicDataSource {
    @Override
    public synchronized void close() throws SQLException {
      try (Connection c = getConnection(); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException alreadyClosed) {
        // the database is already gone; nothing left to flush
      } finally {
        super.close();
      }
    }
  }
}
