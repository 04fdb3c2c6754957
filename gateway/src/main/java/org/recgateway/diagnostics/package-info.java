/**
 * Provider diagnostics: fault tickets, the agent's short diagnostic recordings and fault markers.
 * Plain Java with {@code policy} and {@code recording}; imports no adapter package.
 */
package org.recgateway.diagnostics;
