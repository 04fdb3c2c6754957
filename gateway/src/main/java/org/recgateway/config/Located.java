package org.recgateway.config;

/** A text value from the file, with its line and dotted key, for validation messages. */
record Located(String value, int line, String key) {
}
