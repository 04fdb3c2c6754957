package org.recgateway.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real headless Chromium driven over the DevTools protocol with the JDK's own WebSocket: start it,
 * evaluate JavaScript in its one page, wait for the page to show something. Fails with the command
 * to run when Debian's chromium is not installed.
 */
final class DevTools implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private DevTools(Process process, WebSocket.Builder builder, URI page) throws Exception {
        this.process = process;
        this.socket = builder.buildAsync(page, new Listener()).get(10, TimeUnit.SECONDS);
    }

    /** Starts Chromium with a fresh profile in {@code profile} and connects to its page. */
    static DevTools start(Path profile) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("the listening-page test needs a real Chromium at " + CHROMIUM
                    + " and there is none: install Debian's package with `apt-get install -y chromium`"
                    + " (./run tests does), or point CHROMIUM at one");
        }
        Files.createDirectories(profile);
        Process process = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--autoplay-policy=no-user-gesture-required", "--remote-debugging-port=0",
                "--user-data-dir=" + profile.toAbsolutePath(), "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            Instant deadline = Instant.now().plusSeconds(30);
            while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Chromium did not start (exit " + (process.isAlive() ? "none" : process.exitValue())
                            + "); its output: " + Files.readString(profile.resolveSibling("chromium.log")));
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().trim());
            HttpClient client = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode t : targets) {
                if (t.get("type").asText().equals("page")) {
                    page = t.get("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                throw new AssertionError("Chromium has no page target: " + targets);
            }
            return new DevTools(process, client.newWebSocketBuilder(), URI.create(page));
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Sends one command and waits for its result. */
    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).join();
        JsonNode reply = answer.get(20, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new AssertionError(method + " failed: " + reply.get("error"));
        }
        return reply.get("result");
    }

    /** Evaluates an expression in the page as if the user acted (a click counts as a gesture); returns its value. */
    JsonNode eval(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true, "userGesture", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("page script failed: " + result.get("exceptionDetails"));
        }
        return result.get("result").path("value");
    }

    void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
        waitFor("document.readyState", v -> v.asText().equals("complete"), "the page to load");
    }

    /** Polls the expression until its value satisfies the condition (15 s at most); returns the value. */
    JsonNode waitFor(String expression, Predicate<JsonNode> condition, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(15);
        JsonNode value = eval(expression);
        while (!condition.test(value)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited 15 s for " + what + "; `" + expression + "` is " + value
                        + "; page text: " + eval("document.body.innerText"));
            }
            Thread.sleep(100);
            value = eval(expression);
        }
        return value;
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        http.close();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

}
