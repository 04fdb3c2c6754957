package org.recgateway.ami;

import java.util.Optional;
import java.util.regex.Pattern;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.response.GetVarResponse;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.recgateway.recording.AsteriskChannels;

/**
 * A channel's variable as Asterisk holds it, by AMI {@code Getvar} (needs read=call or reporting).
 * Channel names come from FastAGI peers, so only a plain channel name is sent: no control
 * characters (which would add AMI headers), no spaces, at most 200 characters.
 */
final class AmiChannelVariables implements AsteriskChannels {
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/_.@;:+#=-]{0,199}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}(\\([a-z]{1,32}\\))?");

    private final ManagerConnection connection;

    AmiChannelVariables(ManagerConnection connection) {
        this.connection = connection;
    }

    @Override
    public Optional<String> variable(String channel, String name) throws Exception {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a channel name: the FastAGI peer sent agi_channel with characters a channel name cannot have");
        }
        if (!VARIABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a variable name the gateway asks about: " + name);
        }
        ManagerResponse response = connection.sendAction(new GetVarAction(channel, name), 5_000);
        if (response instanceof ManagerError || !"Success".equalsIgnoreCase(response.getResponse())) {
            throw new IllegalStateException("Asterisk answered Getvar " + name + " on " + channel + ": " + response.getMessage());
        }
        String value = response instanceof GetVarResponse v ? v.getValue() : response.getAttribute("value");
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
