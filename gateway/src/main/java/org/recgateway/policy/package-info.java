/**
 * The rules the gateway encodes: purposes, legal bases, policy rules and the decision for a call.
 * Plain Java: this package imports only {@code java.*} and never reads the system clock.
 */
package org.recgateway.policy;
