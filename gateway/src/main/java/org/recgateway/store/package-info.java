/**
 * Recording metadata persistence: the embedded SQLite implementation of
 * {@link org.recgateway.recording.RecordingStore}. Values reach SQL only as {@code ?} parameters.
 * Imports {@code recording} and {@code policy}; never another adapter package.
 */
package org.recgateway.store;
