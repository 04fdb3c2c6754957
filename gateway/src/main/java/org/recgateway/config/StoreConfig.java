package org.recgateway.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the gateway keeps its metadata: the embedded SQLite file (one machine, the default), or a
 * PostgreSQL database that several gateways share ({@code store.url}).
 *
 * @param path       the SQLite database file, absolute (a relative path in the file is resolved against the
 *                   working directory); also the folder beside which key files default
 * @param postgresql the shared database, when {@code store.url} is set
 */
public record StoreConfig(Path path, Optional<Postgres> postgresql) {

    /** The embedded store only. */
    public StoreConfig(Path path) {
        this(path, Optional.empty());
    }

    /**
     * A PostgreSQL store.
     *
     * @param url      {@code jdbc:postgresql://host:port/database}, without credentials
     * @param user     the database user, from the environment variable {@code store.userEnv}
     * @param password the database password, from the environment variable {@code store.passwordEnv}; never printed
     * @param poolSize connections in the pool (HikariCP), 2 to 64: the writer's, the reader's and spares
     */
    public record Postgres(String url, String user, String password, int poolSize) {
        @Override
        public String toString() {
            return "Postgres[url=" + url + ", user=" + user + ", password=(hidden), poolSize=" + poolSize + "]";
        }
    }

    static StoreConfig read(Section s, Map<String, String> environment) {
        Path path = Checks.localPath(s, "path", Defaults.STORE_PATH);
        Optional<Located> url = s.text("url");
        String userEnv = s.text("userEnv", Defaults.STORE_USER_ENV);
        String passwordEnv = s.text("passwordEnv", Defaults.STORE_PASSWORD_ENV);
        int poolSize = s.integer("poolSize", 4, 2, 64);
        Optional<Postgres> postgres = Optional.empty();
        if (url.isPresent()) {
            String value = url.get().value().strip();
            if (!value.matches("jdbc:postgresql://[A-Za-z0-9.\\-\\[\\]:]+(:\\d{1,5})?/[A-Za-z0-9_\\-]+")) {
                s.problem("url", Problems.show(value) + " is not a PostgreSQL JDBC URL without options; write one such as "
                        + "jdbc:postgresql://127.0.0.1:5432/recgateway (credentials come from the environment)");
            }
            String user = environment.getOrDefault(userEnv, "");
            String password = environment.getOrDefault(passwordEnv, "");
            if (user.isEmpty()) {
                s.problem("userEnv", "the environment variable " + Problems.show(userEnv) + " is not set; export the "
                        + "database user in it (or name another variable in store.userEnv)");
            }
            if (password.isEmpty()) {
                s.problem("passwordEnv", "the environment variable " + Problems.show(passwordEnv) + " is not set; export "
                        + "the database password in it (or name another variable in store.passwordEnv)");
            }
            postgres = Optional.of(new Postgres(value, user, password, poolSize));
        }
        StoreConfig config = new StoreConfig(path, postgres);
        s.finish();
        return config;
    }
}
