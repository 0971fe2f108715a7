package org.linkwell.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** Entry point: parse args, boot HAPI in Spring, load profiles, then open the HTTP port. */
public final class LinkwellHapiServer {

  private static final Logger log = LoggerFactory.getLogger(LinkwellHapiServer.class);

  private LinkwellHapiServer() {}

  public static void main(String[] argv) {
    long started = System.nanoTime();
    ParentWatch.startIfAsked();
    ServerArgs args;
    try {
      args = ServerArgs.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }

    AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
    AtomicReference<Server> jetty = new AtomicReference<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(jetty.get(), spring), "linkwell-shutdown"));
    try {
      spring.registerBean(ServerArgs.class, () -> args);
      spring.register(FhirServerConfig.class);
      spring.refresh();
      // Profiles are stored before the port opens, so /fhir/metadata answering means they are there.
      List<IBaseResource> profiles = args.profilesDir()
          .map(dir -> spring.getBean(ProfileLoader.class).load(dir))
          .orElse(List.of());
      ValidationWarmUp.run(
          spring.getBean(FhirContext.class), spring.getBean(ProfileValidationInterceptor.class), profiles);
      jetty.set(JettyLauncher.start(args.port(), spring.getBean(RestfulServer.class)));
    } catch (Exception e) {
      log.error("Start-up failed: {}", rootMessage(e), e);
      System.exit(1);
      return;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    log.info("Started in {} ms", millis);
    System.out.println("Linkwell HAPI FHIR ready at http://localhost:" + args.port() + "/fhir");
  }

  // Web server first so no request reaches a closing database, then Spring (which closes H2).
  private static void stop(Server jetty, AnnotationConfigApplicationContext spring) {
    try {
      if (jetty != null) {
        jetty.stop();
      }
    } catch (Exception e) {
      log.warn("Error stopping Jetty: {}", e.getMessage());
    }
    if (spring.isActive()) {
      spring.close();
    }
    log.info("Stopped");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + root.getMessage() + ")";
  }
}
