/**
 * How log lines look: one line per event, with every control character of untrusted values (caller
 * ID, AGI variables, HTTP input) escaped so that no value can forge a line or reach a terminal as an
 * escape sequence. Used only from {@code logback.xml}; imports Logback and java.* only.
 */
package org.recgateway.logging;
