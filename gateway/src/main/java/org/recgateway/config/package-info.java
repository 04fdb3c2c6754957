/**
 * Typed configuration: records loaded once from a YAML file and validated completely, every problem
 * reported at once with its file, line and key, before any port opens. Defaults live in
 * {@link org.recgateway.config.Defaults} and nowhere else. Imports Jackson's YAML parser and
 * {@code policy}/{@code prompts}; never an adapter package (agi, ami, http, store, cli).
 */
package org.recgateway.config;
