/**
 * Recording metadata persistence: the embedded SQLite implementation of
 * {@link org.recgateway.recording.RecordingStore} and, in the same database file, of the hash-chained
 * {@link org.recgateway.audit.AuditTrail}. Values reach SQL only as {@code ?} parameters.
 * Imports {@code recording}, {@code audit} and {@code policy}; never another adapter package.
 */
package org.recgateway.store;
