/**
 * The authenticated HTTP API (Netty): bearer-token authentication (tokens stored as hashes, optional
 * expiry, optional TLS), access by role and purpose together ({@link org.recgateway.http.Access}),
 * recording metadata (every read audited), the audit trail, fault tickets and listening windows,
 * the provider's audio segments (streamed WAV) and the static listening page. Netty types stay inside
 * this package; it imports {@code recording}, {@code diagnostics}, {@code listening}, {@code audio},
 * {@code audit} and {@code policy}, never another adapter package ({@code store}, {@code agi}, ...).
 */
package org.recgateway.http;
