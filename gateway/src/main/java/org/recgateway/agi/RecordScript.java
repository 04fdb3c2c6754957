package org.recgateway.agi;

import java.util.Arrays;
import java.util.List;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.recgateway.policy.CallAttributes;
import org.recgateway.recording.CallControl.CallGoneException;
import org.recgateway.recording.NoticeThenRecord;
import org.recgateway.recording.RecordingReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code record} FastAGI script: {@code AGI(agi://HOST:4573/record[,arg...])} after {@code Answer()}.
 * Translates the AGI request into {@link CallAttributes} and runs {@link NoticeThenRecord}. One
 * instance serves every call; it keeps no per-call state.
 */
final class RecordScript implements AgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(RecordScript.class);

    private final NoticeThenRecord lifecycle;

    RecordScript(NoticeThenRecord lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        AgiCallControl control = new AgiCallControl(channel);
        try {
            CallAttributes call = attributes(request, channel);
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

    static CallAttributes attributes(AgiRequest request, AgiChannel channel) throws AgiException {
        String linkedId = AgiCallControl.variable(channel, "CHANNEL(linkedid)");
        String[] args = request.getArguments();
        List<String> arguments = args == null ? List.of() : Arrays.stream(args).map(a -> a == null ? "" : a).toList();
        return new CallAttributes(request.getContext(), request.getExtension(), request.getDnid(),
                request.getCallerIdNumber(), request.getCallerIdName(), request.getLanguage(), request.getChannel(),
                request.getUniqueId(), linkedId, arguments);
    }
}
