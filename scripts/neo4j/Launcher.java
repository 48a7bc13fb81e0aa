import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with a Bolt connector on loopback: Neo4j's documented embedded
 * set-up (DatabaseManagementServiceBuilder + BoltConnector). Local development and tests only;
 * production runs the official neo4j image (docker-compose.yml).
 *
 * Usage: Launcher <home> <port> <pagecacheMiB> <txTimeoutSeconds> [--exit-on-stdin-close]
 * With --exit-on-stdin-close the database shuts down when its parent process goes away, so a killed
 * test run or `npm start` never leaves an orphan holding the store lock.
 */
public class Launcher {
  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    long pagecacheMiB = Long.parseLong(args[2]);
    long txTimeoutSeconds = Long.parseLong(args[3]);
    boolean exitOnStdinClose = args.length > 4 && args[4].equals("--exit-on-stdin-close");

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMiB))
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds))
        .build();
    Thread shutdown = new Thread(() -> {
      dbms.shutdown();
      System.out.println("STOPPED");
    });
    Runtime.getRuntime().addShutdownHook(shutdown);
    System.out.println("READY bolt://127.0.0.1:" + port);
    System.out.flush();

    if (exitOnStdinClose) {
      InputStream in = System.in;
      while (in.read() != -1) { /* the parent never writes; EOF means it is gone */ }
      System.exit(0);
    }
    Thread.currentThread().join();
  }
}
