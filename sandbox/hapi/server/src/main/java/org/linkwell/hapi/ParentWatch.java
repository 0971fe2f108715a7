package org.linkwell.hapi;

import java.io.IOException;
import java.io.InputStream;

/**
 * When the launching process asks for it (LINKWELL_EXIT_WITH_PARENT=stdin), exits once standard input
 * closes: the parent's end of the pipe closes when it dies, even by SIGKILL, so no JVM outlives it.
 */
final class ParentWatch {

  private ParentWatch() {}

  static void startIfAsked() {
    if (!"stdin".equals(System.getenv("LINKWELL_EXIT_WITH_PARENT"))) {
      return;
    }
    Thread watch = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() != -1) {
          // Nothing is ever sent; only the end of the stream matters.
        }
      } catch (IOException e) {
        // A broken pipe means the parent is gone, as EOF does.
      }
      System.exit(0); // runs the shutdown hook: Jetty, Spring and H2 close cleanly
    }, "linkwell-parent-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
