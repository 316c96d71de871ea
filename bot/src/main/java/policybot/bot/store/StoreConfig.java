package policybot.bot.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the store lives. The embedded default is a SQLite file under {@code ./data}; several
 * instances share one PostgreSQL database instead.
 *
 * @param url      a JDBC URL: {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host/db}
 * @param user     the database user (PostgreSQL), or null
 * @param password the database password (PostgreSQL), or null; never logged
 */
public record StoreConfig(String url, String user, String password) {
    public static final String URL_VARIABLE = "POLICYBOT_DB_URL";
    public static final String USER_VARIABLE = "POLICYBOT_DB_USER";
    public static final String PASSWORD_VARIABLE = "POLICYBOT_DB_PASSWORD";
    public static final Path DEFAULT_FILE = Path.of("data", "policybot.db");

    public StoreConfig {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the store needs a JDBC URL");
        }
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(URL_VARIABLE + " must be a jdbc:sqlite: or jdbc:postgresql: URL, not '"
                    + url.replaceAll("//[^@/]*@", "//***@") + "'");
        }
    }

    /** {@code POLICYBOT_DB_URL} (with user and password), or the SQLite file {@code ./data/policybot.db}. */
    public static StoreConfig fromEnvironment(Map<String, String> env) {
        String url = env.get(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return sqlite(DEFAULT_FILE);
        }
        return new StoreConfig(url.strip(), env.get(USER_VARIABLE), env.get(PASSWORD_VARIABLE));
    }

    public static StoreConfig sqlite(Path file) {
        return new StoreConfig("jdbc:sqlite:" + file, null, null);
    }

    public Database.Kind kind() {
        return url.startsWith("jdbc:sqlite:") ? Database.Kind.SQLITE : Database.Kind.POSTGRESQL;
    }

    /** The SQLite file named by the URL (query parameters dropped). */
    Path sqliteFile() {
        String rest = url.substring("jdbc:sqlite:".length());
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        int q = rest.indexOf('?');
        return Path.of(q < 0 ? rest : rest.substring(0, q));
    }

    @Override
    public String toString() {
        return "StoreConfig[" + url + (user == null ? "" : ", user " + user) + "]";
    }
}
