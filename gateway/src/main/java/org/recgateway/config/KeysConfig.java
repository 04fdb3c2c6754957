package org.recgateway.config;

import java.nio.file.Path;

/**
 * Encryption at rest and the audit trail's keys. Key files must lie outside the data directory (the
 * store's directory and the recordings directory), so that a copy of the data opens nothing.
 *
 * @param encryptAudio  seal every filed recording with its own data key (Tink streaming AEAD)
 * @param masterKeyFile the Tink keyset that wraps the data keys (mode 0600; made on first start when
 *                      the database has no sealed recordings yet); by default {@code keys/master-key.json}
 *                      beside the store's directory
 * @param auditKeyFile  the HMAC key that links the audit trail (mode 0600; made on first start when
 *                      the trail is empty); by default {@code keys/audit-chain.key} beside the store's directory
 * @param auditHeadFile where the audit trail's head (last sequence and hash) is checkpointed once per
 *                      committed group of store writes (covering every appended event) (by default {@code audit-head.json} in the store's directory); ship it
 *                      elsewhere to prove later that no event was cut off
 */
public record KeysConfig(boolean encryptAudio, Path masterKeyFile, Path auditKeyFile, Path auditHeadFile) {

    static KeysConfig read(Section s, StoreConfig store, RecordingsConfig recordings) {
        boolean encrypt = s.bool("encryptAudio", Defaults.KEYS_ENCRYPT_AUDIO);
        Path data = store.path().getParent();
        // Defaults sit beside the store's directory (data/recordings.db: keys/ and data/), not in the working directory.
        Path besideData = data == null || data.getParent() == null ? Path.of("").toAbsolutePath() : data.getParent();
        Path master = Checks.localPath(s, "masterKeyFile", besideData.resolve(Defaults.KEYS_MASTER_KEY_FILE).toString());
        Path audit = Checks.localPath(s, "auditKeyFile", besideData.resolve(Defaults.KEYS_AUDIT_KEY_FILE).toString());
        Path head = Checks.localPath(s, "auditHeadFile", (data == null ? besideData : data)
                .resolve(Defaults.KEYS_AUDIT_HEAD_FILE_NAME).toString());
        for (String key : new String[] {"masterKeyFile", "auditKeyFile"}) {
            Path file = key.equals("masterKeyFile") ? master : audit;
            if ((data != null && file.startsWith(data)) || file.startsWith(recordings.localDirectory())) {
                s.problem(key, file + " lies inside the data directory (" + data + " or " + recordings.localDirectory()
                        + "), so a copy of the data would carry its key; put it in a directory of its own, e.g. keys/");
            }
        }
        s.finish();
        return new KeysConfig(encrypt, master, audit, head);
    }
}
