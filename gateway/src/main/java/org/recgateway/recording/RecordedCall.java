package org.recgateway.recording;

/**
 * The call a recording was made of, as Asterisk presented it. Every field is data, never part of a
 * path or a command; all are null for a file no call accounts for ({@link #NONE}).
 *
 * @param uniqueId     Asterisk uniqueid of the recorded channel
 * @param linkedId     Asterisk linkedid of the call
 * @param channel      Asterisk channel name
 * @param callerNumber calling number as presented; searches use its {@link PhoneNumbers} key, this notation is for display
 * @param calledNumber called number (DNID or extension), as presented
 * @param server       the name of the Asterisk server the call ran on ({@code ami.servers[].name}); null for a
 *                     recording from before several servers were known (schema V15): the gateway's first server
 */
public record RecordedCall(String uniqueId, String linkedId, String channel, String callerNumber, String calledNumber,
                           String server) {
    /** No call: a quarantined file. */
    public static final RecordedCall NONE = new RecordedCall(null, null, null, null, null, null);

    /** A call on the gateway's first (or only) Asterisk server. */
    public RecordedCall(String uniqueId, String linkedId, String channel, String callerNumber, String calledNumber) {
        this(uniqueId, linkedId, channel, callerNumber, calledNumber, null);
    }

    /**
     * True when this call may be the one on the Asterisk server {@code server} (issue #17 item 3: two servers' linkedids
     * and uniqueids may be equal): {@code server} null means any (one server), and a call stored without a server
     * (before several were known) is not excluded.
     */
    public boolean isOn(String server) {
        return server == null || this.server == null || server.equals(this.server);
    }

    /** The same call on the Asterisk server {@code name}. */
    public RecordedCall on(String name) {
        return new RecordedCall(uniqueId, linkedId, channel, callerNumber, calledNumber, name);
    }
}
