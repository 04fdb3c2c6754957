package org.recgateway.ami;

import org.asteriskjava.manager.event.UserEvent;

/**
 * The {@code UserEvent(RecordingGatewayNotice,...)} that deploy/asterisk's notice context sends when
 * its prompt ended: the gateway's token, Asterisk's PLAYBACKSTATUS and the channels in the bridge.
 * Public with setters because asterisk-java fills it by reflection.
 */
public final class RecordingGatewayNoticeEvent extends UserEvent {
    private static final long serialVersionUID = 1L;
    private String token;
    private String status;
    private String peers;

    public RecordingGatewayNoticeEvent(Object source) {
        super(source);
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getPeers() {
        return peers;
    }

    public void setPeers(String peers) {
        this.peers = peers;
    }
}
