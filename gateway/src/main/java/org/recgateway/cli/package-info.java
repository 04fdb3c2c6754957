/**
 * Command-line equivalents of the HTTP read API, printing the same JSON documents. Imports
 * {@code recording} and {@code policy}; never another adapter package ({@code http}, {@code store}, ...).
 */
package org.recgateway.cli;
