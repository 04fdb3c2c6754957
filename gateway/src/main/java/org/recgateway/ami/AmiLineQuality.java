package org.recgateway.ami;

import java.util.Optional;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.recgateway.diagnostics.LineQualityProbe;

/**
 * Reads a channel's {@code CHANNEL(rtpqos)} and {@code CHANNEL(audioreadformat)} with the AMI action
 * {@code GetVar} (needs the AMI user's read/write {@code call} or {@code reporting}). The channel name
 * comes from Asterisk, never from a caller.
 */
final class AmiLineQuality implements LineQualityProbe {
    private final ManagerConnection connection;

    AmiLineQuality(ManagerConnection connection) {
        this.connection = connection;
    }

    @Override
    public Optional<Reading> read(String channel) throws Exception {
        Optional<String> qos = get(channel, "CHANNEL(rtpqos)");
        if (qos.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Reading(qos.get(), get(channel, "CHANNEL(audioreadformat)").orElse("")));
    }

    private Optional<String> get(String channel, String variable) throws Exception {
        ManagerResponse response = connection.sendAction(new GetVarAction(channel, variable), 3_000);
        if (response instanceof ManagerError || !"Success".equalsIgnoreCase(response.getResponse())) {
            return Optional.empty();
        }
        String value = response.getAttribute("Value");
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
