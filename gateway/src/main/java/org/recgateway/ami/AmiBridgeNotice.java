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
    static final String WHISPER_CONTEXT = "recording-gateway-whisper";
    /** Asterisk channel names as Asterisk makes them, e.g. {@code PJSIP/agent2-0000002a}: no commas, no spaces. */
    private static final java.util.regex.Pattern CHANNEL = java.util.regex.Pattern.compile("[A-Za-z0-9]{1,16}/[A-Za-z0-9@._;:+-]{1,120}");
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

    /**
     * Plays the prompt to everyone in {@code channel}'s call WITHOUT changing its bridge: AMI Originate of
     * {@code Local/play@recording-gateway-whisper/n} with the application {@code ChanSpy(<channel>,qBE)}, whose
     * barge carries the ;2 half's prompt to both sides. For a party who joins a recorded call: a bridge with a running
     * MixMonitor that turns into a softmix for a {@code BridgeAdd} prompt passes no more audio to that MixMonitor
     * once the prompt leaves (seen on Asterisk 22.10), so the recording would go on silent.
     *
     * @throws IllegalArgumentException when {@code channel} is not a plain Asterisk channel name (it becomes an
     *                                  application argument)
     */
    Result whisper(String channel, String playbackName, Duration timeout) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a channel name the gateway passes to ChanSpy: " + channel);
        }
        return originate("Local/play@" + WHISPER_CONTEXT + "/n", "ChanSpy", channel + ",qBE", Map.of("RG_TARGET", channel),
                playbackName, timeout);
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
