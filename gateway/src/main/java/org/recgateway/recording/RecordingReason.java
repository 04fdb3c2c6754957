package org.recgateway.recording;

/**
 * Why a call is not recorded: the value of the channel variable {@code RECORDING_REASON} that the gateway sets
 * for the dialplan (and CDRs) after {@code AGI(.../record)}. This enum is the whole contract with the dialplan:
 * no other value is ever set (README "RECORDING_REASON: the contract with the dialplan" lists them).
 */
public enum RecordingReason {
    /** The call is being recorded ({@code RECORDING_STATUS=recording}); the variable is empty. */
    NONE(""),
    /**
     * A second {@code AGI(record)} in a call that is already recorded ({@code RECORDING_STATUS=recording}): no second
     * notice and no second MixMonitor; {@code RECORDING_ID} names the recording of the first pass.
     */
    ALREADY_RECORDED("already-recorded"),
    /** The policy decided not to record the call. */
    POLICY("policy"),
    /**
     * {@code AGI(record)} ran on the calling side in a context that an outbound rule names ({@code direction:
     * outbound}), or on an agent's phone ({@code diagnostics.agents}): the notice would reach the agent, not the
     * called party, so nothing is recorded. Outbound calls
     * are recorded through the {@code Dial} option {@code U(recording-gateway-called-party-notice^${CONTEXT})}.
     */
    OUTBOUND_CONTEXT("outbound-context"),
    /** The rule records a sample and this call was not drawn; the caller heard the "may" notice. */
    NOT_SAMPLED("not-sampled"),
    /** The notice is not in the prompt library for the call's language (start-up validation prevents this). */
    NOTICE_MISSING("notice-missing"),
    /** The caller hung up during the notice, or it was cut short: no notice, no recording. */
    NOTICE_INCOMPLETE("notice-incomplete"),
    /**
     * After {@code record-called} on the called party's channel of a call that is already recorded (a recorded call put
     * through to an outside number): the called party did not hear the running recording's notice to the end (the
     * prompt failed, is missing for their language, or was cut short). With {@code RECORDING_STATUS=not-recorded} the
     * gateway stopped that recording (by its MixMonitor id) before the bridge, and the call may be put through; with
     * {@code RECORDING_STATUS=recording} it could not stop it, and the dialplan must not put the called party
     * through (deploy/asterisk/extensions_recording_gateway_outbound.conf answers the Dial with CONGESTION).
     */
    CALLED_PARTY_NOT_TOLD("called-party-not-told"),
    /** The caller objected and no purpose was left to record for. */
    OBJECTION("objection"),
    /** Every purpose needed consent and the caller did not give it. */
    NO_CONSENT("no-consent"),
    /** Asterisk refused to start MixMonitor. */
    RECORDER_FAILED("recorder-failed"),
    /**
     * The store cannot write (disk full, locked, I/O error): nothing could be filed, so nothing is recorded; the call
     * goes on, and recording resumes by itself once the store writes again.
     */
    STORE_UNAVAILABLE("store-unavailable"),
    /** The recordings disk is below its floor ({@code recordings.minFreeMegabytes}): no new recording starts. */
    RECORDINGS_DISK_LOW("recordings-disk-low"),
    /** The gateway was at {@code agi.maxSessions}; the call went on unrecorded. */
    GATEWAY_BUSY("gateway-busy"),
    /** The gateway failed on this call (a bug; logged); the call went on unrecorded. */
    GATEWAY_ERROR("gateway-error");

    private final String value;

    RecordingReason(String value) {
        this.value = value;
    }

    /** The text set in {@code RECORDING_REASON}, e.g. {@code not-sampled}. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
