/**
 * Command-line equivalents of the HTTP read API and the audit trail, printing the same JSON documents;
 * every read is audited (actor {@code cli}). Imports {@code recording}, {@code audit} and {@code policy};
 * never another adapter package ({@code http}, {@code store}, ...).
 */
package org.recgateway.cli;
