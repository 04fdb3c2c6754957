package org.recgateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The provider's listening page: plain HTML, CSS and JavaScript from the classpath folder
 * {@code listening-page/}, served without authentication (the page itself holds no data; it signs in
 * with the provider's token and calls the API). File names are checked against a fixed pattern, so a
 * path never reaches the class loader as given.
 */
final class StaticPages {
    static final String ROOT = "/listen/";
    private static final Pattern FILE = Pattern.compile("/listen/([a-z0-9-]{1,32})\\.(html|css|js)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8");
    static final String POLICY = "default-src 'self'; media-src 'none'; img-src 'self' blob:; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    static boolean serves(String path) {
        return path.equals("/listen") || path.startsWith(ROOT);
    }

    ApiResponse get(String path) {
        if (path.equals("/listen")) {
            return new ApiResponse(308, Map.of("error", "the listening page is at " + ROOT), Map.of("Location", ROOT));
        }
        String file = path.equals(ROOT) ? "/listen/index.html" : path;
        Matcher m = FILE.matcher(file);
        if (!m.matches()) {
            return ApiResponse.error(404, "no such page; the listening page is at " + ROOT);
        }
        String name = m.group(1) + "." + m.group(2);
        byte[] bytes = cache.computeIfAbsent(name, StaticPages::load);
        if (bytes.length == 0) {
            return ApiResponse.error(404, "no such page; the listening page is at " + ROOT);
        }
        return new ApiResponse(200, new ApiResponse.Raw(TYPES.get(m.group(2)), bytes),
                Map.of("Content-Security-Policy", POLICY, "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY"));
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticPages.class.getClassLoader().getResourceAsStream("listening-page/" + name)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read listening-page/" + name + " from the classpath", e);
        }
    }
}
