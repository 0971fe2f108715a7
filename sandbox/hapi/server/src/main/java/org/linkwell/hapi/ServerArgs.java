package org.linkwell.hapi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Command-line options, parsed once at start-up; fails fast with a usage line on anything unexpected. */
public record ServerArgs(int port, String jdbcUrl, Optional<Path> profilesDir, Validation validation) {

  /** How writes claiming a Linkwell profile are validated (the same checks and refusals either way). */
  public enum Validation {
    /** Pooled validator instances ({@link ReusingInstanceValidator}): the default. */
    POOLED,
    /** HAPI's own path, a new InstanceValidator per resource: about 10 times slower, kept to compare. */
    PER_CALL
  }

  /** True when the database is a PostgreSQL server rather than H2. */
  public boolean postgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  static final String USAGE =
      "usage: java -jar linkwell-hapi.jar --port <N> --db <mem|file:/abs/path/to/db|jdbc:postgresql://host:port/db?user=…>"
          + " [--profiles-dir <dir>]"
          + " [--validation pooled|per-call]";

  public static ServerArgs parse(String[] args) {
    Integer port = null;
    String db = null;
    Path profiles = null;
    Validation validation = Validation.POOLED;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + name + "\n" + USAGE);
      }
      String value = args[++i];
      switch (name) {
        case "--port" -> port = parsePort(value);
        case "--db" -> db = value;
        case "--profiles-dir" -> profiles = Path.of(value).toAbsolutePath();
        case "--validation" -> validation = parseValidation(value);
        default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
      }
    }
    if (port == null || db == null) {
      throw new IllegalArgumentException("--port and --db are required\n" + USAGE);
    }
    if (profiles != null && !Files.isDirectory(profiles)) {
      throw new IllegalArgumentException("--profiles-dir is not a directory: " + profiles);
    }
    return new ServerArgs(port, toJdbcUrl(db), Optional.ofNullable(profiles), validation);
  }

  private static Validation parseValidation(String value) {
    return switch (value) {
      case "pooled" -> Validation.POOLED;
      case "per-call" -> Validation.PER_CALL;
      default -> throw new IllegalArgumentException("--validation must be pooled or per-call, got " + value);
    };
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 1 || port > 65535) throw new NumberFormatException();
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be 1..65535, got " + value);
    }
  }

  // "mem" gets a private in-memory DB that lives as long as the JVM; "file:" an H2 file DB;
  // "jdbc:postgresql:" a PostgreSQL database, as production HAPI deployments run on.
  private static String toJdbcUrl(String db) {
    if (db.startsWith("jdbc:postgresql://")) {
      return db;
    }
    if (db.equals("mem")) {
      return "jdbc:h2:mem:linkwell;DB_CLOSE_DELAY=-1";
    }
    if (db.startsWith("file:")) {
      Path file = Path.of(db.substring("file:".length()));
      if (!file.isAbsolute()) {
        throw new IllegalArgumentException("--db file: path must be absolute, got " + db);
      }
      // H2 appends .mv.db itself; strip it if the caller passed the full file name.
      String base = file.toString().replaceFirst("\\.mv\\.db$", "");
      // DB_CLOSE_ON_EXIT=FALSE: we close it ourselves after Spring shuts down, not H2's own hook.
      // TRACE_LEVEL_FILE=0: no .trace.db file (Hibernate's harmless DDL probes would fill it).
      return "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";
    }
    // The value is not echoed: a JDBC URL can carry a password.
    throw new IllegalArgumentException("--db must be 'mem', 'file:/abs/path' or 'jdbc:postgresql://…'");
  }
}
