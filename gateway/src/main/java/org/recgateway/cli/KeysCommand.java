package org.recgateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditTrail;
import org.recgateway.recording.DataKeys;
import org.recgateway.vault.FileMasterKey;
import org.recgateway.vault.TinkAudioVault;
import org.recgateway.vault.VaultException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code gateway keys status|rotate|retire-old}: master-key rotation without re-encrypting audio.
 * {@code rotate} adds a new primary key to the master key file and re-wraps every data key under it in
 * one transaction (a running gateway picks the new file up on its next use); the old key stays in the
 * file so that backups of the database still open until {@code retire-old} removes it, after which
 * data keys in older database backups (including keys of recordings deleted since) no longer open.
 */
public final class KeysCommand {

    static final String USAGE_TEXT = """
            usage: gateway keys status|rotate|retire-old
              status      the master key file, how many keys it holds and how many data keys it wraps
              rotate      add a new master key and re-wrap every data key with it (the audio is not touched)
              retire-old  re-wrap any data key still under an old master key, then remove the old keys
            Prints JSON; every change is audited.""";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private KeysCommand() {
    }

    /** Runs the command with the arguments after {@code keys}; returns the process exit code. */
    public static int run(List<String> args, Path masterKeyFile, DataKeys keys, AuditTrail audit, PrintStream out,
                          PrintStream err) {
        if (args.size() != 1 || !List.of("status", "rotate", "retire-old").contains(args.getFirst())) {
            err.println("gateway keys: give exactly one of status, rotate, retire-old");
            err.println(USAGE_TEXT);
            return AuditCommand.USAGE;
        }
        try {
            FileMasterKey master = FileMasterKey.load(masterKeyFile);
            TinkAudioVault vault = TinkAudioVault.open(master, keys);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("masterKeyFile", master.describe());
            switch (args.getFirst()) {
                case "rotate" -> {
                    master.rotate();
                    int rewrapped = vault.rewrapAll();
                    result.put("rewrapped", rewrapped);
                    audit.append(Actors.commandLine(), AuditAction.MASTER_KEY_ROTATED, null, Map.of(
                            "primaryKeyId", Integer.toUnsignedString(master.primaryId()), "rewrapped", Integer.toString(rewrapped)));
                }
                case "retire-old" -> {
                    int rewrapped = vault.rewrapAll();
                    int before = master.keys();
                    master.retireOld();
                    result.put("rewrapped", rewrapped);
                    result.put("retired", before - master.keys());
                    audit.append(Actors.commandLine(), AuditAction.MASTER_KEY_RETIRED, null, Map.of(
                            "primaryKeyId", Integer.toUnsignedString(master.primaryId()), "retired",
                            Integer.toString(before - master.keys())));
                }
                default -> { }
            }
            result.put("masterKeys", master.keys());
            result.put("primaryKeyId", Integer.toUnsignedString(master.primaryId()));
            result.put("dataKeys", keys.ids().size() - 1);  // the key check is not a recording's key
            out.println(JSON.writeValueAsString(result));
            return AuditCommand.OK;
        } catch (VaultException e) {
            err.println("gateway keys: " + e.getMessage());
            return AuditCommand.FAILED;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a keys document could not be written as JSON", e);
        }
    }
}
