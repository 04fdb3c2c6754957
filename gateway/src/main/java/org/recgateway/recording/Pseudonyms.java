package org.recgateway.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms of phone numbers for the audit trail: HMAC-SHA256 of the number's
 * {@link PhoneNumbers} key (so every notation has one pseudonym) under a secret key kept in a file
 * outside the database. The audit trail never holds a number, so erasing a person never needs to
 * touch the hash-chained trail; whoever holds the key can still say which events were about a number.
 */
public final class Pseudonyms {
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final PhoneNumbers numbers;

    /** With the key bytes given (for tests and tools). */
    public Pseudonyms(byte[] key, PhoneNumbers numbers) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a pseudonym key needs at least 16 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.numbers = numbers;
    }

    /**
     * The key in {@code file} (64 hex digits); a missing file is created with a new random key, readable
     * only by the gateway's user.
     *
     * @throws IOException when the file cannot be read or written, or does not hold a key
     */
    public static Pseudonyms load(Path file, PhoneNumbers numbers) throws IOException {
        if (!Files.exists(file)) {
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, HexFormat.of().formatHex(fresh) + "\n", StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the directory's permissions protect it
            }
        }
        String text = Files.readString(file).strip();
        try {
            return new Pseudonyms(HexFormat.of().parseHex(text), numbers);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a pseudonym key (64 hex digits): " + e.getMessage()
                    + "; restore it from a backup, or delete it to start new pseudonyms", e);
        }
    }

    /** The pseudonym of {@code number} in any notation, e.g. {@code pn:3f2a…} (32 hex digits); null stays null. */
    public String of(String number) {
        if (number == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(numbers.key(number).getBytes(StandardCharsets.UTF_8));
            return "pn:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK: " + e, e);
        }
    }
}
