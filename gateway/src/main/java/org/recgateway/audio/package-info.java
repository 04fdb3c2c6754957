/**
 * Audio files the gateway reads back: cutting a segment out of a recording (a PCM WAV as MixMonitor
 * writes it) without reading the rest of the file. Imports only java.*; knows nothing of calls,
 * policy or storage.
 */
package org.recgateway.audio;
