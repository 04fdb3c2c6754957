package org.recgateway.ami;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.recgateway.diagnostics.BothPartiesNotice;

/**
 * Both parties hear the prompt: AMI Originate of {@code Local/play@recording-gateway-notice/n} with
 * the application {@code BridgeAdd(<agent channel>)}; the ;1 half joins the call's bridge and the
 * ;2 half plays the prompt there, then reports with a UserEvent carrying our random token.
 */
final class AmiBridgeNotice implements BothPartiesNotice {
    static final String CONTEXT = "recording-gateway-notice";
    private static final SecureRandom TOKENS = new SecureRandom();

    private final ManagerConnection connection;
    private final Clock clock;
    private final Map<String, CompletableFuture<RecordingGatewayNoticeEvent>> waiting = new ConcurrentHashMap<>();

    AmiBridgeNotice(ManagerConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** Called from the AMI event thread: hands the event to whoever waits for its token. */
    void ended(RecordingGatewayNoticeEvent event) {
        CompletableFuture<RecordingGatewayNoticeEvent> future = event.getToken() == null ? null : waiting.remove(event.getToken());
        if (future != null) {
            future.complete(event);
        }
    }

    @Override
    public Result play(String agentChannel, String playbackName, Duration timeout) {
        return originate("Local/play@" + CONTEXT + "/n", "BridgeAdd", agentChannel, Map.of(), playbackName, timeout);
    }

    private Result originate(String local, String application, String data, Map<String, String> variables, String playbackName,
                             Duration timeout) {
        byte[] bytes = new byte[16];
        TOKENS.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        CompletableFuture<RecordingGatewayNoticeEvent> done = new CompletableFuture<>();
        waiting.put(token, done);
        Instant started = clock.instant();
        try {
            OriginateAction originate = new OriginateAction();
            originate.setChannel(local);
            originate.setApplication(application);
            originate.setData(data);
            variables.forEach(originate::setVariable);
            originate.setVariable("_RG_PROMPT", playbackName);
            originate.setVariable("_RG_TOKEN", token);
            originate.setAsync(true);
            originate.setTimeout(timeout.toMillis());
            ManagerResponse response = connection.sendAction(originate, 5_000);
            if (!"Success".equalsIgnoreCase(response.getResponse())) {
                return new Result(false, List.of(), started, clock.instant(), "Asterisk refused the notice: " + response.getMessage());
            }
            RecordingGatewayNoticeEvent event = done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> peers = event.getPeers() == null || event.getPeers().isBlank() ? List.of()
                    : Arrays.stream(event.getPeers().trim().split("[,\\s]+")).toList();
            boolean success = "SUCCESS".equals(event.getStatus());
            return new Result(success, peers, started, clock.instant(), success ? "played" : "playback " + event.getStatus());
        } catch (TimeoutException e) {
            return new Result(false, List.of(), started, clock.instant(), "the notice did not finish within " + timeout.toSeconds() + " s");
        } catch (Exception e) {
            return new Result(false, List.of(), started, clock.instant(), "the notice could not be played: " + e);
        } finally {
            waiting.remove(token);
        }
    }
}
