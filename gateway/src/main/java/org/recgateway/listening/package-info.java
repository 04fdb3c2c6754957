/**
 * Provider listening windows: when a telecom provider may listen to the diagnostic recordings of its
 * ticket, which seconds around each fault marker it hears, how often, and the deletion of the audio
 * once the window has ended or the ticket is closed. Plain Java: imports only {@code java.*},
 * {@code policy}, {@code recording}, {@code diagnostics} and {@code audit}; never an adapter.
 */
package org.recgateway.listening;
