package org.recgateway.agi;

import java.util.Arrays;
import java.util.List;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.recgateway.policy.CallAttributes;
import org.recgateway.policy.Direction;
import org.recgateway.recording.CallControl.CallGoneException;
import org.recgateway.recording.NoticeThenRecord;
import org.recgateway.recording.RecordingReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code record} FastAGI script: {@code AGI(agi://HOST:4573/record[,arg...])} after {@code Answer()}, on the
 * caller's channel of an inbound call; and {@code record-called}, run on the called party's channel of an outbound
 * call after they answered and before the bridge, by the {@code Dial} option
 * {@code U(recording-gateway-called-party-notice^${CONTEXT}^${EXTEN})}, so that {@code AGI(agi://HOST:4573/record-called,
 * <context>,<dialled number>[,arg...])} tells the gateway the context the call was dialled from and the number
 * dialled. Translates the AGI request into {@link CallAttributes} of the script's {@link Direction} and runs
 * {@link NoticeThenRecord}. One instance per direction serves every call; it keeps no per-call state.
 */
final class RecordScript implements AgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(RecordScript.class);

    private final NoticeThenRecord lifecycle;
    private final Direction direction;
    private final java.util.function.Function<java.net.InetAddress, String> servers;

    RecordScript(NoticeThenRecord lifecycle) {
        this(lifecycle, Direction.INBOUND);
    }

    RecordScript(NoticeThenRecord lifecycle, Direction direction) {
        this(lifecycle, direction, peer -> null);
    }

    /**
     * @param servers the name of the Asterisk server a FastAGI peer address belongs to, from the configuration
     *                ({@code ami.servers[].fastAgiFrom}; with one server, that server's name for every peer). Null when
     *                the peer belongs to no server (a peer in {@code agi.allowedClients} always belongs to one) or, as
     *                for a session whose address is unknown, none is named: see {@link AgiCallControl}. Never
     *                {@code AsteriskServers.ANY}: a session runs on one server.
     */
    RecordScript(NoticeThenRecord lifecycle, Direction direction, java.util.function.Function<java.net.InetAddress, String> servers) {
        this.lifecycle = lifecycle;
        this.direction = direction;
        this.servers = servers;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        AgiCallControl control = new AgiCallControl(channel,
                request.getRemoteAddress() == null ? null : servers.apply(request.getRemoteAddress()));
        try {
            CallAttributes call = direction == Direction.OUTBOUND ? outbound(request, channel) : attributes(request, channel);
            NoticeThenRecord.Outcome outcome = lifecycle.handle(call, control);
            LOG.info("call {} on {}: {} {} {}", request.getUniqueId(), request.getChannel(), outcome.status(),
                    outcome.recordingId(), outcome.reason());
        } catch (CallGoneException gone) {
            LOG.info("call {} on {}: not recorded, {}", request.getUniqueId(), request.getChannel(), gone.getMessage());
        } catch (AgiException e) {
            LOG.info("call {} on {}: not recorded, the AGI session ended: {}", request.getUniqueId(), request.getChannel(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("call {} on {}: not recorded, the gateway failed", request.getUniqueId(), request.getChannel(), e);
            try {
                control.report("not-recorded", "", RecordingReason.GATEWAY_ERROR);
            } catch (CallGoneException ignored) {
                // the call is gone; nothing was recorded
            }
        }
    }

    /**
     * The called party's side of an outbound call. The first AGI argument is the context the call was dialled
     * from (what outbound rules match with {@code when.context}), the second the number dialled (what
     * {@code when.called} matches); rules' {@code when.arguments} number the arguments after these two. Without
     * the context no rule can match, and the call is not recorded.
     */
    static CallAttributes outbound(AgiRequest request, AgiChannel channel) throws AgiException {
        CallAttributes call = attributes(request, channel);
        List<String> args = call.arguments();
        String context = args.isEmpty() ? "" : args.get(0);
        if (context.isBlank()) {
            LOG.warn("record-called on {} without the dialling context as its first argument: no outbound rule can"
                    + " match; use the Dial option U(recording-gateway-called-party-notice^${CONTEXT}^${EXTEN})",
                    request.getChannel());
        }
        String dialled = args.size() < 2 ? "" : args.get(1);
        return new CallAttributes(context, dialled, dialled, call.callerId(), call.callerName(), call.language(),
                call.channel(), call.uniqueId(), call.linkedId(), args.size() <= 2 ? List.of() : args.subList(2, args.size()),
                Direction.OUTBOUND);
    }

    static CallAttributes attributes(AgiRequest request, AgiChannel channel) throws AgiException {
        String linkedId = AgiCallControl.variable(channel, "CHANNEL(linkedid)");
        String[] args = request.getArguments();
        List<String> arguments = args == null ? List.of() : Arrays.stream(args).map(a -> a == null ? "" : a).toList();
        return new CallAttributes(request.getContext(), request.getExtension(), request.getDnid(),
                request.getCallerIdNumber(), request.getCallerIdName(), request.getLanguage(), request.getChannel(),
                request.getUniqueId(), linkedId, arguments);
    }
}
