package org.recgateway.agi;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.recgateway.recording.AsteriskChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel a FastAGI session really runs on, proven with Asterisk itself rather than taken from
 * the peer: the script sets a fresh random value in {@value #PROOF_VARIABLE} through the session,
 * then asks Asterisk over AMI for that variable on the channel the peer named. Only a session that
 * Asterisk runs on that channel can have set it; any other local process that speaks FastAGI gets a
 * mismatch. The call's uniqueid and linkedid are then read from Asterisk too, not from the session.
 *
 * @param channel  the channel's name ({@code PJSIP/agent-0000002a})
 * @param uniqueId the channel's uniqueid as Asterisk holds it
 * @param linkedId the call's linkedid as Asterisk holds it
 */
record ProvenChannel(String channel, String uniqueId, String linkedId) {
    static final String PROOF_VARIABLE = "RECORDING_GATEWAY_PROOF";
    private static final Logger LOG = LoggerFactory.getLogger(ProvenChannel.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Proves the session's channel, or empty (logged with the reason) when the peer's claim does not
     * hold or Asterisk cannot be asked: a script then acts on nothing.
     */
    static Optional<ProvenChannel> of(AgiRequest request, AgiChannel session, AsteriskChannels asterisk) throws AgiException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String proof = HexFormat.of().formatHex(nonce);
        session.setVariable(PROOF_VARIABLE, proof);
        String claimed = request.getChannel();
        String peer = request.getRemoteAddress() == null ? "?" : request.getRemoteAddress().getHostAddress();
        try {
            if (!asterisk.variable(claimed, PROOF_VARIABLE).filter(proof::equals).isPresent()) {
                LOG.warn("FastAGI peer {} claimed channel {} for script {}, but Asterisk does not run this session on it: "
                        + "ignored (a process other than Asterisk speaking FastAGI?)", peer, claimed, request.getScript());
                return Optional.empty();
            }
            Optional<String> uniqueId = asterisk.variable(claimed, "CHANNEL(uniqueid)");
            Optional<String> linkedId = asterisk.variable(claimed, "CHANNEL(linkedid)");
            if (uniqueId.isEmpty() || linkedId.isEmpty()) {
                LOG.warn("Asterisk gave no uniqueid/linkedid for channel {}: script {} does nothing", claimed,
                        request.getScript());
                return Optional.empty();
            }
            return Optional.of(new ProvenChannel(claimed, uniqueId.get(), linkedId.get()));
        } catch (Exception e) {
            LOG.warn("could not check with Asterisk that FastAGI peer {} runs channel {} ({}): script {} does nothing; "
                    + "is AMI logged in?", peer, claimed, e.getMessage(), request.getScript());
            return Optional.empty();
        }
    }
}
