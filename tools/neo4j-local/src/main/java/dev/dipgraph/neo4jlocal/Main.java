package dev.dipgraph.neo4jlocal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * Runs a Neo4j server (Bolt, HTTP API, Browser) in this JVM until SIGTERM.
 *
 * <p>Usage: {@code Main HOME CONFIG READY_FILE}. HOME holds data/ and logs/; CONFIG is a neo4j.conf
 * written by scripts/neo4j-local (ports, memory, auth). Once the default database answers a query,
 * READY_FILE is written, so the script never reports a half-started server.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: neo4j-local HOME CONFIG READY_FILE");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    Path config = Path.of(args[1]).toAbsolutePath();
    Path ready = Path.of(args[2]).toAbsolutePath();
    try {
      run(home, config, ready);
    } catch (Exception | LinkageError e) {
      System.err.println("neo4j-local: start failed: " + e);
      e.printStackTrace();
      // halt, not exit: shutdown hooks could block on a half-built server.
      Runtime.getRuntime().halt(1);
    }
  }

  private static void run(Path home, Path config, Path ready) throws IOException, InterruptedException {
    Files.deleteIfExists(ready);
    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(config).build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.deleteIfExists(ready);
                  } catch (IOException e) {
                    System.err.println("neo4j-local: removing " + ready + ": " + e);
                  }
                  System.out.println("neo4j-local: shutting down");
                  dbms.shutdown();
                  System.out.println("neo4j-local: stopped");
                  stopped.countDown();
                },
                "neo4j-local-shutdown"));

    String version = componentsVersion(dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
    // Written then moved so the script never reads a partial file.
    Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
    Files.writeString(
        tmp, "version=" + version + "\npid=" + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("neo4j-local: Neo4j " + version + " ready");
    stopped.await();
  }

  /** Runs a real query against the database, proving it serves, and returns the server version. */
  private static String componentsVersion(GraphDatabaseService db) {
    try (Transaction tx = db.beginTx()) {
      String v;
      try (Result r = tx.execute("CALL dbms.components() YIELD versions RETURN versions[0] AS v")) {
        v = r.hasNext() ? String.valueOf(r.next().get("v")) : "unknown";
      }
      tx.commit();
      return v;
    }
  }
}
