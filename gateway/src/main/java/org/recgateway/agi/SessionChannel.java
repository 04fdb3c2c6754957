package org.recgateway.agi;

import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.fastagi.AgiChannelFactory;
import org.asteriskjava.fastagi.AgiReader;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiWriter;
import org.asteriskjava.fastagi.internal.AgiChannelImpl;

/**
 * asterisk-java's channel, but the Asterisk version is worked out once per session. asterisk-java
 * asks the request for it before every command it sends, and the request matches its
 * {@code agi_version} against a list of regular expressions each time (JFR: a new {@code Matcher}
 * per AGI command); the version cannot change within a session.
 */
final class SessionChannel extends AgiChannelImpl {
    /** Makes one per FastAGI session. */
    static final AgiChannelFactory FACTORY = SessionChannel::new;

    private final AgiRequest request;
    private AsteriskVersion version;

    private SessionChannel(AgiRequest request, AgiWriter writer, AgiReader reader) {
        super(request, writer, reader);
        this.request = request;
    }

    @Override
    public AsteriskVersion getAsteriskVersion() {
        AsteriskVersion v = version;
        if (v == null) {
            v = request.getAsteriskVersion();
            version = v;
        }
        return v;
    }
}
