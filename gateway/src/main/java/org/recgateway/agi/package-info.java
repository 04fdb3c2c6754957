/**
 * The FastAGI adapter: Asterisk hands each call here. asterisk-java's types stay inside this
 * package. Imports {@code recording}, {@code policy} and {@code metrics}; never another adapter.
 */
package org.recgateway.agi;
