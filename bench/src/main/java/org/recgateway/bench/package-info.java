/**
 * Benchmarks of the recording gateway on one machine: an open-loop load generator that plays
 * Asterisk's side of FastAGI over TCP, the asterisk-java floor servers it is compared with, and the
 * store and audio-segment benchmarks. Run with {@code bench/run.sh}; never part of the unit tests.
 */
package org.recgateway.bench;
