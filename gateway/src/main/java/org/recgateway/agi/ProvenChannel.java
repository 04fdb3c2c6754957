package org.recgateway.agi;

import java.security.SecureRandom;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.recgateway.recording.AsteriskChannels;
import org.recgateway.recording.PerServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel a FastAGI session really runs on, proven with Asterisk itself rather than taken from
 * the peer: the script sets a fresh random value in {@value #PROOF_VARIABLE} through the session,
 * then asks Asterisk over AMI for that variable on the channel the peer named. Only a session that
 * Asterisk runs on that channel can have set it; any other local process that speaks FastAGI gets a
 * mismatch. The call's uniqueid and linkedid are then read from Asterisk too, not from the session.
 *
 * With several Asterisk servers (issue #17 item 3) the question goes to the server the session's FastAGI peer address
 * belongs to ({@code ami.servers[].fastAgiFrom}) and to no other: a channel of the same name on another server proves
 * nothing, and a session from an address no server lists is refused.
 *
 * @param channel  the channel's name ({@code PJSIP/agent-0000002a})
 * @param uniqueId the channel's uniqueid as Asterisk holds it
 * @param linkedId the call's linkedid as Asterisk holds it
 * @param server   the Asterisk server that confirmed it ({@code ami.servers[].name}; null: the gateway's only server)
 */
record ProvenChannel(String channel, String uniqueId, String linkedId, String server) {
    static final String PROOF_VARIABLE = "RECORDING_GATEWAY_PROOF";
    private static final Logger LOG = LoggerFactory.getLogger(ProvenChannel.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Proves the session's channel, or empty (logged with the reason) when the peer's claim does not
     * hold or Asterisk cannot be asked: a script then acts on nothing.
     */
    static Optional<ProvenChannel> of(AgiRequest request, AgiChannel session, AsteriskChannels asterisk) throws AgiException {
        return of(request, session, PerServer.one(asterisk), peer -> null);
    }

    /**
     * As {@link #of(AgiRequest, AgiChannel, AsteriskChannels)}, asking only the server {@code servers} maps the session's
     * peer address to; empty (logged with what to configure) when it maps to none of {@code channels}.
     */
    static Optional<ProvenChannel> of(AgiRequest request, AgiChannel session, PerServer<AsteriskChannels> channels,
                                      Function<InetAddress, String> servers) throws AgiException {
        String peer = request.getRemoteAddress() == null ? "?" : request.getRemoteAddress().getHostAddress();
        String server = request.getRemoteAddress() == null ? null : servers.apply(request.getRemoteAddress());
        Optional<AsteriskChannels> on = channels.on(server);
        if (on.isEmpty()) {
            LOG.warn("FastAGI peer {} ran script {} but is listed under no Asterisk server (ami.servers[].fastAgiFrom of {}):"
                    + " refused, the channel cannot be checked on the server it runs on; add the address to its server's"
                    + " fastAgiFrom", peer, request.getScript(), channels.names());
            return Optional.empty();
        }
        return of(request, session, on.get(), peer, channels.several() ? server : null);
    }

    private static Optional<ProvenChannel> of(AgiRequest request, AgiChannel session, AsteriskChannels asterisk, String peer,
                                              String server) throws AgiException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String proof = HexFormat.of().formatHex(nonce);
        session.setVariable(PROOF_VARIABLE, proof);
        String claimed = request.getChannel();
        try {
            if (!asterisk.variable(claimed, PROOF_VARIABLE).filter(proof::equals).isPresent()) {
                LOG.warn("FastAGI peer {} claimed channel {} for script {}, but Asterisk{} does not run this session on it: "
                        + "ignored (a process other than Asterisk speaking FastAGI?)", peer, claimed, request.getScript(),
                        server == null ? "" : " server " + server);
                return Optional.empty();
            }
            Optional<String> uniqueId = asterisk.variable(claimed, "CHANNEL(uniqueid)");
            Optional<String> linkedId = asterisk.variable(claimed, "CHANNEL(linkedid)");
            if (uniqueId.isEmpty() || linkedId.isEmpty()) {
                LOG.warn("Asterisk gave no uniqueid/linkedid for channel {}: script {} does nothing", claimed,
                        request.getScript());
                return Optional.empty();
            }
            return Optional.of(new ProvenChannel(claimed, uniqueId.get(), linkedId.get(), server));
        } catch (Exception e) {
            LOG.warn("could not check with Asterisk that FastAGI peer {} runs channel {} ({}): script {} does nothing; "
                    + "is AMI{} logged in?", peer, claimed, e.getMessage(), request.getScript(),
                    server == null ? "" : " to Asterisk server " + server);
            return Optional.empty();
        }
    }
}
