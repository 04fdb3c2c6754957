package org.recgateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Asterisk 22, running as root inside the cached Debian sid chroot that
 * {@code tools/asterisk-chroot.sh} builds. It shares the host's loopback: SIPp reaches its PJSIP
 * transport and it reaches the gateway's FastAGI port on 127.0.0.1. Its configuration is the rig's
 * own (test resources {@code asterisk-rig/}), written into {@code /etc/asterisk-rig} of the chroot,
 * with the AMI user from {@code deploy/asterisk/}.
 */
public final class AsteriskRig implements AutoCloseable {
    public static final int SIP_PORT = 5160;
    public static final int AGENT_PORT = 5170;
    /** The second agent's phone (endpoint agent2, dialled for 18xx). */
    public static final int AGENT2_PORT = 5172;
    public static final int AMI_PORT = 5138;
    public static final int AGI_PORT = 4573;
    public static final int DEAD_AGI_PORT = 4599;
    /** Where MixMonitor writes, as Asterisk sees it. */
    public static final String RECORDINGS = "/var/spool/asterisk/recording-gateway";
    private static final String CONF = "/etc/asterisk-rig/asterisk.conf";

    private final Path chroot;
    private final Path repo;
    private final Process process;

    private AsteriskRig(Path chroot, Path repo, Process process) {
        this.chroot = chroot;
        this.repo = repo;
        this.process = process;
    }

    /** The chroot from {@code ASTERISK_CHROOT} or the default cache directory; fails with what to run when missing. */
    public static Path chroot() {
        Path dir = Path.of(System.getenv().getOrDefault("ASTERISK_CHROOT", "/var/cache/recording-gateway/asterisk-sid"));
        if (!Files.exists(dir.resolve(".recording-gateway-ready"))) {
            throw new IllegalStateException("no Asterisk chroot at " + dir + ": run tools/asterisk-chroot.sh as root first "
                    + "(./run tests does it), or set ASTERISK_CHROOT to a ready one");
        }
        return dir;
    }

    /** The repository root (Maven runs the tests in gateway/). */
    public static Path repo() {
        return Path.of("").toAbsolutePath().getParent();
    }

    public static AsteriskRig start(Path logFile) throws IOException, InterruptedException {
        Path chroot = chroot();
        Path repo = repo();
        stopStale(chroot);
        writeConfig(chroot, repo);
        Files.createDirectories(chroot.resolve("var/run/asterisk-rig"));
        Files.createDirectories(chroot.resolve("var/log/asterisk-rig"));
        Files.createDirectories(chroot.resolve(RECORDINGS.substring(1)));
        if (run(List.of("mountpoint", "-q", chroot.resolve("proc").toString())) != 0) {
            check(run(List.of("mount", "-t", "proc", "proc", chroot.resolve("proc").toString())), "mount /proc in the chroot");
        }
        check(run(List.of(repo.resolve("deploy/install-prompts.sh").toString(),
                chroot.resolve("usr/share/asterisk/sounds").toString())), "install the notice prompts into the chroot");
        Files.createDirectories(logFile.getParent());
        Process process = new ProcessBuilder("chroot", chroot.toString(), "/usr/sbin/asterisk", "-f", "-C", CONF)
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        AsteriskRig rig = new AsteriskRig(chroot, repo, process);
        Instant deadline = Instant.now().plusSeconds(30);
        while (rig.cliStatus("core waitfullybooted") != 0) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Asterisk did not boot within 30 s; see " + logFile);
            }
            Thread.sleep(200);
        }
        return rig;
    }

    private static void writeConfig(Path chroot, Path repo) throws IOException {
        Map<String, String> values = Map.of("@SIP_PORT@", "" + SIP_PORT, "@AGENT_PORT@", "" + AGENT_PORT, "@AGENT2_PORT@", "" + AGENT2_PORT,
                "@AMI_PORT@", "" + AMI_PORT, "@AGI_PORT@", "" + AGI_PORT, "@DEAD_AGI_PORT@", "" + DEAD_AGI_PORT);
        Path target = chroot.resolve("etc/asterisk-rig");
        Files.createDirectories(target);
        Path source = repo.resolve("gateway/src/test/resources/asterisk-rig");
        List<Path> files;
        try (var list = Files.list(source)) {
            files = new java.util.ArrayList<>(list.toList());
        }
        files.add(repo.resolve("deploy/asterisk/manager_recording_gateway.conf"));
        files.add(repo.resolve("deploy/asterisk/features_recording_gateway.conf"));
        files.add(repo.resolve("deploy/asterisk/extensions_recording_gateway_notice.conf"));
        files.add(repo.resolve("deploy/asterisk/extensions_recording_gateway_agent.conf"));
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (var e : values.entrySet()) {
                text = text.replace(e.getKey(), e.getValue());
            }
            Files.writeString(target.resolve(file.getFileName().toString()), text, StandardCharsets.UTF_8);
        }
        // Modules that log errors without a config file of their own.
        for (String empty : List.of("cdr", "cel", "indications", "acl", "udptl", "pjproject", "ccss")) {
            Path p = target.resolve(empty + ".conf");
            if (!Files.exists(p)) {
                Files.writeString(p, "");
            }
        }
    }

    private static void stopStale(Path chroot) throws IOException, InterruptedException {
        run(List.of("chroot", chroot.toString(), "/usr/sbin/asterisk", "-C", CONF, "-rx", "core stop now"));
        run(List.of("pkill", "-f", "asterisk -f -C " + CONF));
    }

    /** Runs an Asterisk CLI command and returns its output. */
    public String cli(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("chroot", chroot.toString(), "/usr/sbin/asterisk", "-C", CONF, "-rx", command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        return out;
    }

    private int cliStatus(String command) throws IOException, InterruptedException {
        return run(List.of("chroot", chroot.toString(), "/usr/sbin/asterisk", "-C", CONF, "-rx", command));
    }

    public String version() throws IOException, InterruptedException {
        return cli("core show version").trim();
    }

    /** The recordings directory as the gateway (on the host) sees it. */
    public Path recordingsDirectory() {
        return chroot.resolve(RECORDINGS.substring(1));
    }

    public Path chrootDirectory() {
        return chroot;
    }

    public Path repoDirectory() {
        return repo;
    }

    static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void check(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException("could not " + what + " (exit " + status + ")");
        }
    }

    @Override
    public void close() throws Exception {
        cliStatus("core stop now");
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        run(List.of("umount", chroot.resolve("proc").toString()));
    }

    /** Waits up to {@code timeout} for the condition; returns whether it held. */
    public static boolean eventually(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }
}
