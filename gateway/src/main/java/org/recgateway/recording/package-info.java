/**
 * The recording lifecycle: notice evidence, recording metadata and the store interface the
 * {@code store} adapter implements. Depends on {@code policy}; imports no adapter package.
 */
package org.recgateway.recording;
