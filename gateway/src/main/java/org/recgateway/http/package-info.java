/**
 * The authenticated JSON API over HTTP (Netty): bearer-token authentication, role and purpose based
 * access, read access to recording metadata (every read audited) and to the audit trail. Netty types
 * stay inside this package; it imports {@code recording}, {@code audit} and {@code policy}, never
 * another adapter package ({@code store}, {@code agi}, ...).
 */
package org.recgateway.http;
