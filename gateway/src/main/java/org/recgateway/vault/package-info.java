/**
 * Encryption at rest with Google Tink: every filed recording is sealed with its own streaming-AEAD
 * data key (AES256-GCM-HKDF, 32 KB segments since 2026-12-01, 64 KB from 2026-11-30, 4 KB before; seekable), and that key is wrapped by a {@link
 * org.recgateway.vault.MasterKey} kept outside the data directory. The only package that imports
 * Tink; it implements {@link org.recgateway.recording.AudioVault} and imports no adapter.
 */
package org.recgateway.vault;
