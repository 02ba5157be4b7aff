package nl.ketenkaart.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;
import org.neo4j.server.security.auth.LegacyCredential;

/**
 * An embedded Neo4j Community DBMS with a Bolt connector, for tests.
 *
 * <pre>
 * NEO4J_LAUNCHER_PASSWORD=... java -cp CLASSPATH nl.ketenkaart.testserver.Neo4jLauncher PORT [options]
 *   PORT                  Bolt port on 127.0.0.1 (or the environment variable NEO4J_LAUNCHER_PORT)
 *   --data-parent DIR     create the temporary data directory in DIR (default: java.io.tmpdir)
 *   --pagecache MB        page cache in MiB (default 32)
 *   --exit-on-stdin-eof   stop when standard input closes (the parent process went away)
 * </pre>
 *
 * <p>Auth is on: user {@code neo4j} gets the password from NEO4J_LAUNCHER_PASSWORD (never argv, so it
 * stays out of the process list), written to {@code auth.ini} before the first start, as
 * {@code neo4j-admin dbms set-initial-password} does. Standard output carries exactly one line,
 * {@code ready}, once Bolt accepts connections; everything else goes to standard error. SIGTERM
 * shuts the DBMS down, deletes the data directory and exits 0.
 */
public final class Neo4jLauncher {
    private static final String PASSWORD_ENV = "NEO4J_LAUNCHER_PASSWORD";
    private static final String PORT_ENV = "NEO4J_LAUNCHER_PORT";
    private static final String HOST = "127.0.0.1";
    private static final long BOLT_WAIT_MILLIS = 60_000;

    private static final Object LOCK = new Object();
    private static DatabaseManagementService service; // guarded by LOCK
    private static Path home; // guarded by LOCK
    private static volatile int exitCode;

    private Neo4jLauncher() {}

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        System.setOut(System.err); // nothing but "ready" may reach standard output
        try {
            run(args, stdout);
        } catch (Throwable e) {
            e.printStackTrace();
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("neo4j-launcher: failed: " + e + (root == e ? "" : " (cause: " + root + ")"));
            exitCode = 1;
            System.exit(exitCode); // the shutdown hook stops what started and deletes the data
        }
    }

    private static void run(String[] args, PrintStream stdout) throws Exception {
        String portText = System.getenv(PORT_ENV);
        Path dataParent = Path.of(System.getProperty("java.io.tmpdir"));
        long pageCacheMb = 32;
        boolean exitOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-parent" -> dataParent = Path.of(value(args, ++i));
                case "--pagecache" -> pageCacheMb = Long.parseLong(value(args, ++i));
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                default -> {
                    if (args[i].startsWith("-")) {
                        fail("unknown option " + args[i]);
                    }
                    portText = args[i];
                }
            }
        }
        String password = System.getenv(PASSWORD_ENV);
        if (portText == null || password == null || password.length() < 8) {
            fail("usage: " + PASSWORD_ENV + "=<at least 8 characters> java " + Neo4jLauncher.class.getName()
                    + " PORT [--data-parent DIR] [--pagecache MB] [--exit-on-stdin-eof]");
        }
        int port = Integer.parseInt(portText);

        Runtime.getRuntime().addShutdownHook(new Thread(Neo4jLauncher::stop, "neo4j-launcher-stop"));
        synchronized (LOCK) {
            home = Files.createTempDirectory(dataParent, "ketenkaart-neo4j-");
            writeInitialPassword(home, password);
            service = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Netty's default 5 s quiet period, once per event loop group, makes a stop take 10 s.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();
        }
        if (!waitForBolt(port)) {
            throw new IllegalStateException("Bolt did not accept connections on " + HOST + ":" + port);
        }
        stdout.println("ready");
        stdout.flush();

        if (exitOnStdinEof) {
            drain(System.in);
            System.exit(0);
        }
        new CountDownLatch(1).await(); // until SIGTERM/SIGINT runs the shutdown hook
    }

    /**
     * Writes {@code auth.ini} with the initial user, with the same (internal) classes as
     * {@code neo4j-admin dbms set-initial-password}; Neo4j reads it when it creates the system
     * database, so Bolt never serves the default password. A Neo4j upgrade that changes these
     * classes breaks the build, not silently the tests.
     */
    private static void writeInitialPassword(Path homeDir, String password) throws Exception {
        Path authFile = CommunitySecurityModule.getInitialUserRepositoryFile(
                Config.defaults(GraphDatabaseSettings.neo4j_home, homeDir));
        Files.createDirectories(authFile.getParent());
        try (var fs = new DefaultFileSystemAbstraction()) {
            var users = new FileUserRepository(
                    fs, authFile, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            users.start();
            users.create(new User(
                    AuthManager.INITIAL_USER_NAME,
                    null,
                    LegacyCredential.forPassword(password.getBytes(StandardCharsets.UTF_8)),
                    false,
                    false));
            users.shutdown();
        }
    }

    private static boolean waitForBolt(int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + BOLT_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1000);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    /** Shutdown hook: waits for a start in progress, stops the DBMS, deletes the data, exits. */
    private static void stop() {
        synchronized (LOCK) {
            long started = System.nanoTime();
            try {
                if (service != null) {
                    service.shutdown();
                }
            } catch (RuntimeException e) {
                e.printStackTrace();
                exitCode = 1;
            }
            try {
                if (home != null) {
                    deleteRecursively(home);
                }
            } catch (IOException | RuntimeException e) {
                e.printStackTrace();
                exitCode = 1;
            }
            System.err.printf("neo4j-launcher: stopped in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        }
        // SIGTERM would otherwise end the JVM with 143; a clean stop is 0.
        Runtime.getRuntime().halt(exitCode);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) != -1) {
            // discard
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail("missing value after " + args[i - 1]);
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println(message);
        exitCode = 2;
        System.exit(exitCode);
    }
}
