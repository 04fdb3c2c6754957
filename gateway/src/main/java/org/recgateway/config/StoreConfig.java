package org.recgateway.config;

import java.nio.file.Path;

/**
 * The embedded metadata store.
 *
 * @param path the SQLite database file, absolute (a relative path in the file is resolved against the
 *             working directory)
 */
public record StoreConfig(Path path) {

    static StoreConfig read(Section s) {
        StoreConfig config = new StoreConfig(Checks.localPath(s, "path", Defaults.STORE_PATH));
        s.finish();
        return config;
    }
}
