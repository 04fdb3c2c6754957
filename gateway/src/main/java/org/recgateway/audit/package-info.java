/**
 * The hash-chained audit trail: who did what to which recording ({@link org.recgateway.audit.AuditEvent}),
 * the pure hashing that links the events ({@link org.recgateway.audit.HashChain}), the check that proves
 * the chain was not edited ({@link org.recgateway.audit.ChainVerifier}) and the interface the {@code store}
 * adapter implements ({@link org.recgateway.audit.AuditTrail}). Plain Java: imports only {@code java.*};
 * never an adapter package, and time comes in as a {@link java.time.Clock} or an {@link java.time.Instant}.
 */
package org.recgateway.audit;
