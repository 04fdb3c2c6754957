/**
 * The authenticated JSON API over HTTP (Netty): bearer-token authentication, role and purpose based
 * access, and read access to recording metadata. Netty types stay inside this package; it imports
 * {@code recording} and {@code policy}, never another adapter package ({@code store}, {@code agi}, ...).
 */
package org.recgateway.http;
