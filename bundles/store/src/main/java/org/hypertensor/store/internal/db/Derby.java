package org.hypertensor.store.internal.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.derby.jdbc.EmbeddedDriver;

/**
 * The embedded Derby engine, used through its driver object directly (no DriverManager: inside OSGi the engine
 * is private to this bundle).
 */
final class Derby {
    private static final String ERROR_FILE = "derby.stream.error.file";
    private static final String FILE_SYNC = "derby.storage.fileSyncTransactionLog";
    private static final String ESCALATION = "derby.locks.escalationThreshold";
    private static EmbeddedDriver driver;

    private Derby() {}

    /**
     * Set (JVM-wide) when this bundle chose derby.stream.error.file, so a later boot, possibly by another copy of this
     * bundle after an update, may move it to its own store directory.
     */
    private static final String LOG_CHOSEN = "hypertensor.store.derbyLogChosen";

    /**
     * Boots the engine if it is not running. Derby's log is JVM-wide: unless a {@code derby.stream.error.*} property
     * was set by someone else, it goes to {@code derby.log} in the directory of the store whose opening boots the
     * engine, never the working directory.
     */
    static synchronized EmbeddedDriver driver(Path directory) {
        if (driver == null) {
            boolean configured = System.getProperties().stringPropertyNames().stream()
                    .anyMatch(name -> name.startsWith("derby.stream.error."));
            if (!configured || Boolean.getBoolean(LOG_CHOSEN)) {
                System.setProperty(ERROR_FILE, directory.resolve("derby.log").toString());
                System.setProperty(LOG_CHOSEN, "true");
            }
            // Sync the log once at commit instead of writing it in synchronous mode buffer by buffer: the same
            // durability, and a 3 MB changeset commits in tens of milliseconds instead of most of a second.
            if (System.getProperty(FILE_SYNC) == null) {
                System.setProperty(FILE_SYNC, "true");
            }
            // The background index write of a 10,000-transaction block must not escalate to a table lock that
            // blocks lookups (Derby's default threshold is 5,000 row locks).
            if (System.getProperty(ESCALATION) == null) {
                System.setProperty(ESCALATION, "100000");
            }
            driver = new EmbeddedDriver();
        }
        return driver;
    }

    static Connection connect(Path directory, String attributes) throws SQLException {
        return driver(directory).connect("jdbc:derby:" + directory.resolve("db") + attributes, new Properties());
    }

    /** Shuts the database down (releasing its files); Derby reports success as SQLState 08006. */
    static void shutdown(Path directory) {
        try {
            connect(directory, ";shutdown=true").close();
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) {
                org.slf4j.LoggerFactory.getLogger(Derby.class)
                        .warn("Derby shutdown of {}: {}", directory, e.getMessage());
            }
        }
    }

    /**
     * Stops the engine and its threads (when this bundle goes, they must not keep its class loader alive). The next
     * {@link #driver} call boots it again.
     */
    static synchronized void shutdownEngine() {
        if (driver == null) {
            return;
        }
        try {
            driver.connect("jdbc:derby:;shutdown=true", new Properties());
        } catch (SQLException e) {
            if (!"XJ015".equals(e.getSQLState())) {
                org.slf4j.LoggerFactory.getLogger(Derby.class).warn("Derby engine shutdown: {}", e.getMessage());
            }
        }
        driver = null;
    }

    /** Whether {@code state} is the SQLState of the exception or of one in its chain. */
    static boolean hasState(SQLException e, String state) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++) {
            if (t instanceof SQLException s && state.equals(s.getSQLState())) {
                return true;
            }
            t = t instanceof SQLException s && s.getNextException() != null ? s.getNextException() : t.getCause();
        }
        return false;
    }

    /** The most useful one-line message of a Derby exception chain. */
    static String message(SQLException e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        SQLException next = e.getNextException();
        if (next != null && next.getMessage() != null && !out.toString().contains(next.getMessage())) {
            out.append(" (").append(next.getMessage()).append(')');
        }
        return out.toString();
    }
}
