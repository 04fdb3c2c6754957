package org.recgateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser pages: plain HTML, CSS and JavaScript from the classpath, no third-party code. The
 * provider's listening page is under {@code /listen/} (folder {@code listening-page/}), the privacy
 * officer's page under {@code /privacy/} (folder {@code privacy-page/}). They are served without
 * authentication (a page holds no data; it signs in with a token kept in the tab's session storage and
 * calls the API), under a strict Content-Security-Policy: only the gateway's own scripts, styles and
 * connections, no inline script, no frames. File names are checked against a fixed pattern, so a path
 * never reaches the class loader as given. The stylesheet both pages share, {@value #SHARED_STYLES}, is served
 * under each page's root from one copy (folder {@code pages-shared/}).
 */
final class StaticPages {
    static final String ROOT = "/listen/";
    static final String PRIVACY_ROOT = "/privacy/";
    /** The stylesheet every page links first; one file in {@code pages-shared/}. */
    static final String SHARED_STYLES = "pages.css";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8");
    static final String POLICY = "default-src 'self'; media-src 'none'; img-src 'self' blob:; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** One page: where it is served, which classpath folder holds it, and what it is called in errors. */
    private record Site(String root, String folder, String name, Pattern file) {
        Site(String root, String folder, String name) {
            this(root, folder, name, Pattern.compile(Pattern.quote(root) + "([a-z0-9-]{1,32})\\.(html|css|js)"));
        }

        String bare() {
            return root.substring(0, root.length() - 1);
        }
    }

    private static final List<Site> SITES = List.of(new Site(ROOT, "listening-page", "the listening page"),
            new Site(PRIVACY_ROOT, "privacy-page", "the privacy officer's page"));

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    static boolean serves(String path) {
        return site(path).isPresent();
    }

    private static Optional<Site> site(String path) {
        return SITES.stream().filter(s -> path.equals(s.bare()) || path.startsWith(s.root())).findFirst();
    }

    ApiResponse get(String path) {
        Site site = site(path).orElseThrow(() -> new IllegalArgumentException("no page serves " + path));
        if (path.equals(site.bare())) {
            return new ApiResponse(308, Map.of("error", site.name() + " is at " + site.root()), Map.of("Location", site.root()));
        }
        String file = path.equals(site.root()) ? site.root() + "index.html" : path;
        Matcher m = site.file().matcher(file);
        if (!m.matches()) {
            return ApiResponse.error(404, "no such page; " + site.name() + " is at " + site.root());
        }
        String base = m.group(1) + "." + m.group(2);
        String name = (base.equals(SHARED_STYLES) ? "pages-shared" : site.folder()) + "/" + base;
        byte[] bytes = cache.computeIfAbsent(name, StaticPages::load);
        if (bytes.length == 0) {
            return ApiResponse.error(404, "no such page; " + site.name() + " is at " + site.root());
        }
        return new ApiResponse(200, new ApiResponse.Raw(TYPES.get(m.group(2)), bytes),
                Map.of("Content-Security-Policy", POLICY, "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY"));
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticPages.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name + " from the classpath", e);
        }
    }
}
