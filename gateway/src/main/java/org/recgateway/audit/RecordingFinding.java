package org.recgateway.audit;

/**
 * A recording whose stored evidence or audio no longer matches what the audit trail says was filed,
 * as {@code audit verify --recordings} reports it.
 *
 * @param recordingId the recording
 * @param sequence    the event whose evidence digest it no longer matches (0 when no event is concerned)
 * @param reason      what differs, naming the table or file, for the privacy officer
 */
public record RecordingFinding(String recordingId, long sequence, String reason) {
}
