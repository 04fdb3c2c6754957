package org.recgateway.policy;

import java.util.List;
import java.util.Objects;

/**
 * What Asterisk told the gateway about one call. Every field is untrusted input: it is matched
 * against rules and stored as data, never put into a command, a path or a dialplan expression.
 * Absent values are empty strings, never null.
 *
 * @param context    dialplan context the AGI ran in
 * @param extension  dialplan extension
 * @param dnid       dialed number as the caller's network presented it
 * @param callerId   calling number
 * @param callerName calling name
 * @param language   channel language, e.g. {@code nl}
 * @param channel    Asterisk channel name, e.g. {@code PJSIP/caller-00000001}
 * @param uniqueId   Asterisk uniqueid of the channel
 * @param linkedId   Asterisk linkedid of the call
 * @param arguments  the AGI arguments after the script name
 * @param direction  which way the call goes: {@link Direction#INBOUND} when the script ran on the calling
 *                   side before {@code Dial}, {@link Direction#OUTBOUND} when it ran on the called party's
 *                   channel; for an outbound call {@code context} is the context the call was dialled from and
 *                   {@code channel} the called party's channel
 */
public record CallAttributes(String context, String extension, String dnid, String callerId, String callerName,
                             String language, String channel, String uniqueId, String linkedId,
                             List<String> arguments, Direction direction) {

    /** An inbound call: the script ran on the caller's side, before {@code Dial}. */
    public CallAttributes(String context, String extension, String dnid, String callerId, String callerName,
                          String language, String channel, String uniqueId, String linkedId, List<String> arguments) {
        this(context, extension, dnid, callerId, callerName, language, channel, uniqueId, linkedId, arguments,
                Direction.INBOUND);
    }

    public CallAttributes {
        direction = Objects.requireNonNullElse(direction, Direction.INBOUND);
        context = Objects.requireNonNullElse(context, "");
        extension = Objects.requireNonNullElse(extension, "");
        dnid = Objects.requireNonNullElse(dnid, "");
        callerId = Objects.requireNonNullElse(callerId, "");
        callerName = Objects.requireNonNullElse(callerName, "");
        language = Objects.requireNonNullElse(language, "");
        channel = Objects.requireNonNullElse(channel, "");
        uniqueId = Objects.requireNonNullElse(uniqueId, "");
        linkedId = Objects.requireNonNullElse(linkedId, "");
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    /** The number the caller dialed: the DNID when Asterisk knows it, otherwise the extension. */
    public String calledNumber() {
        return dnid.isEmpty() || "unknown".equals(dnid) ? extension : dnid;
    }
}
