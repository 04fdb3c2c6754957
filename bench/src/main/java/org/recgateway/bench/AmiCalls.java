package org.recgateway.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The end of every recorded call as Asterisk plays it, reported over the simulated AMI: Newchannel when
 * the session connects, MixMonitorStart after {@code EXEC MixMonitor}, and after the session (and the
 * talk time) MixMonitor's WAV file of {@code audioSeconds} of 8 kHz 16-bit mono written at the path the
 * gateway named, BridgeEnter (two parties: the call reached a person), MixMonitorStop and Hangup.
 * Keeps when each call hung up, so {@link FilingCheck} can measure filing latency end to end.
 */
final class AmiCalls implements AsteriskSide.CallEnd {
    private final AmiSide ami;
    private final byte[] wav;
    private final long talkMillis;
    private final Map<String, Long> hungUpMillis = new ConcurrentHashMap<>();
    private final boolean holdHangups;
    private final java.util.Queue<String[]> held = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * @param holdHangups keep every hangup until {@link #releaseHangups()} (a burst: measures how fast
     *                    the gateway can file, not how fast calls arrive)
     */
    AmiCalls(AmiSide ami, double audioSeconds, long talkMillis, boolean holdHangups) {
        this.ami = ami;
        this.wav = wav((int) Math.round(audioSeconds * 8000));
        this.talkMillis = talkMillis;
        this.holdHangups = holdHangups;
    }

    /** Hangups held now. */
    int heldCount() {
        return held.size();
    }

    /** Sends every held hangup now, as fast as the AMI socket takes them; returns how many. */
    int releaseHangups() {
        int n = 0;
        for (String[] call; (call = held.poll()) != null; n++) {
            ami.bridgeEnter(call[0], call[1]);
            ami.hangup(call[0], call[1]);
            hungUpMillis.put(call[1], System.currentTimeMillis());
        }
        return n;
    }

    /** Bytes of each recording's file. */
    int fileBytes() {
        return wav.length;
    }

    /** When each recorded call hung up (epoch milliseconds), by uniqueid. */
    Map<String, Long> hungUp() {
        return hungUpMillis;
    }

    @Override
    public void connected(String channel, String uniqueId) {
        ami.newChannel(channel, uniqueId);
    }

    @Override
    public void mixMonitorStarted(String channel, String uniqueId, String file) {
        ami.mixMonitorStart(channel, uniqueId);
    }

    @Override
    public void recordedCallEnds(String channel, String uniqueId, String file) {
        if (talkMillis > 0) {
            try {
                Thread.sleep(talkMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            Path path = Path.of(file);
            Files.createDirectories(path.getParent());
            Files.write(path, wav);
        } catch (IOException e) {
            // filed as missing by the gateway; the filing check counts it
        }
        if (holdHangups) {
            // The bridge is held with the hangup: a file of audioSeconds then matches the bridged time, as it would
            // in a real call, instead of being filed INCOMPLETE for a call held open while the burst gathers.
            held.add(new String[] {channel, uniqueId});
            return;
        }
        ami.bridgeEnter(channel, uniqueId);
        ami.hangup(channel, uniqueId);
        hungUpMillis.put(uniqueId, System.currentTimeMillis());
    }

    /** A WAV file as MixMonitor writes it: 44-byte header, then {@code samples} 16-bit samples (a quiet tone). */
    static byte[] wav(int samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (1000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        return b.array();
    }
}
