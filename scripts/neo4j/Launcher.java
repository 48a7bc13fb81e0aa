import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * Runs Neo4j Community embedded with a Bolt connector on loopback: Neo4j's documented embedded
 * set-up (DatabaseManagementServiceBuilder + BoltConnector). Local development and tests only;
 * production runs the official neo4j image (docker-compose.yml).
 *
 * Usage: NEO4J_LAUNCHER_PASSWORD=… Launcher <home> <port> <pagecacheMiB> <txTimeoutSeconds> [--exit-on-stdin-close]
 * With --exit-on-stdin-close the database shuts down when its parent process goes away, so a killed
 * test run or `npm start` never leaves an orphan holding the store lock.
 *
 * Auth is on: any local process can reach a loopback port. The password of the user neo4j comes
 * from the environment (src/neo4j/local.ts keeps it in <home>/auth.json), not from the command
 * line, which every local user can read.
 */
public class Launcher {
  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    long pagecacheMiB = Long.parseLong(args[2]);
    long txTimeoutSeconds = Long.parseLong(args[3]);
    boolean exitOnStdinClose = args.length > 4 && args[4].equals("--exit-on-stdin-close");
    String password = System.getenv("NEO4J_LAUNCHER_PASSWORD");
    if (password == null || password.isEmpty()) {
      System.err.println("NEO4J_LAUNCHER_PASSWORD is not set");
      System.exit(2);
    }

    // Neo4j's set-initial-password file: applied while the system database starts, before Bolt
    // listens, to a store that is new or whose neo4j user still has the default password (a store
    // made when this launcher ran without auth). No moment exists where neo4j/neo4j is accepted.
    Path initialPassword = home.resolve("data").resolve("dbms").resolve("auth.ini");
    writeInitialPassword(initialPassword, password);
    DatabaseManagementService dbms;
    try {
      dbms = new DatabaseManagementServiceBuilder(home)
          .setConfig(BoltConnector.enabled, true)
          .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
          .setConfig(GraphDatabaseSettings.auth_enabled, true)
          .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMiB))
          .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds))
          // A local database needs its transaction logs for recovery only, not for point-in-time
          // restores: the default keeps two days of them, which a bulk load or a tie rebuild at
          // scale L turns into tens of gigabytes.
          .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
          .build();
    } finally {
      // It holds a hash of the password; the system database has it now.
      Files.deleteIfExists(initialPassword);
    }
    Thread shutdown = new Thread(() -> {
      dbms.shutdown();
      System.out.println("STOPPED");
    });
    Runtime.getRuntime().addShutdownHook(shutdown);

    // A store whose password was set before (and whose password file was since lost or replaced)
    // ignores the initial password: set it through the embedded API, which needs no login.
    try {
      dbms.database("system").executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.<String, Object>of("password", password));
    } catch (QueryExecutionException e) {
      String message = String.valueOf(e.getMessage());
      // Neo4j refuses to set the password the user already has: that is the usual case.
      if (!message.contains("Old password and new password cannot be the same")) {
        System.err.println("Cannot set the password of the user neo4j: " + message);
        System.exit(3);
      }
    }
    System.out.println("READY bolt://127.0.0.1:" + port);
    System.out.flush();

    if (exitOnStdinClose) {
      InputStream in = System.in;
      while (in.read() != -1) { /* the parent never writes; EOF means it is gone */ }
      System.exit(0);
    }
    Thread.currentThread().join();
  }

  private static void writeInitialPassword(Path file, String password) throws Exception {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    try (DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
      FileUserRepository users = new FileUserRepository(fs, file, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
      users.start();
      users.create(new User("neo4j", null, SystemGraphCredential.createCredentialForPassword(password.getBytes(StandardCharsets.UTF_8), new SecureHasher()), false, false));
      users.shutdown();
    }
  }
}
