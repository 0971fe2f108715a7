package org.linkwell.hapi;

import jakarta.servlet.Servlet;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Embedded Jetty serving the FHIR servlet at /fhir, on the loopback interface only. */
final class JettyLauncher {

  private static final Logger log = LoggerFactory.getLogger(JettyLauncher.class);

  private JettyLauncher() {}

  static Server start(int port, Servlet fhirServlet) throws Exception {
    Server server = new Server();
    server.addConnector(connector(server, "127.0.0.1", port));
    // Node resolves "localhost" to ::1 first on some hosts; answer there too when IPv6 exists.
    if (ipv6LoopbackAvailable()) {
      server.addConnector(connector(server, "::1", port));
    }
    ServletContextHandler context = new ServletContextHandler("/");
    ServletHolder holder = new ServletHolder("fhir", fhirServlet);
    holder.setInitOrder(1); // initialise HAPI's servlet now, not on the first request
    context.addServlet(holder, "/fhir/*");
    server.setHandler(context);
    server.setStopTimeout(5000); // let in-flight requests finish on SIGTERM
    server.start();
    return server;
  }

  private static ServerConnector connector(Server server, String host, int port) {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  private static boolean ipv6LoopbackAvailable() {
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.bind(new java.net.InetSocketAddress("::1", 0));
      return true;
    } catch (IOException e) {
      log.debug("No IPv6 loopback; serving on 127.0.0.1 only");
      return false;
    }
  }
}
