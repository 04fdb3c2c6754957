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
 * own (test resources {@code asterisk-rig/}: ports, SIPp endpoints, test-only contexts), written into
 * {@code /etc/asterisk-rig} of the chroot, and every snippet of {@code deploy/asterisk/} copied byte for
 * byte and {@code #include}d from it: the dialplan, feature codes, notice context and AMI user.
 */
public final class AsteriskRig implements AutoCloseable {
    /** Asterisk's PJSIP transport (UDP). All ports come from {@link RigPorts}: free ones, picked per test JVM. */
    public static final int SIP_PORT = RigPorts.at(10);
    /** The agent's phone (endpoints agent and agents). */
    public static final int AGENT_PORT = RigPorts.at(12);
    /** The second agent's phone (endpoint agent2, dialled for 18xx; also the outbound trunk's called party). */
    public static final int AGENT2_PORT = RigPorts.at(14);
    /** The media (RTP) ports of the two agents' phones. */
    public static final int AGENT_MEDIA_PORT = RigPorts.at(20);
    public static final int AGENT2_MEDIA_PORT = RigPorts.at(30);
    public static final int AMI_PORT = RigPorts.at(2);
    /** FastAGI of gateway one: the dialplan's global GATEWAY. */
    public static final int AGI_PORT = RigPorts.at(0);
    /** FastAGI of gateway two: the dialplan's global GATEWAY2 (nothing listens there unless a test starts a second gateway). */
    public static final int AGI2_PORT = RigPorts.at(4);
    /** Two FastAGI ports where nothing listens: the rig's "gateway down" context points GATEWAY and GATEWAY2 there. */
    public static final int DEAD_AGI_PORT = RigPorts.at(3);
    public static final int DEAD_AGI2_PORT = RigPorts.at(6);
    /** Where MixMonitor writes, as Asterisk sees it. */
    public static final String RECORDINGS = "/var/spool/asterisk/recording-gateway";

    /**
     * One Asterisk process of the rig: the chroot is one, but each process has its own configuration directory
     * ({@code /etc/<name>}), run, log and database directories, SIP, AMI and RTP ports, agent phones, and the address it
     * reaches the gateways' FastAGI at (GATEWAY/GATEWAY2 host). All processes' MixMonitors write into one shared
     * {@link #RECORDINGS} directory, as several Asterisk servers on one shared file system do.
     */
    public record Instance(String name, int sipPort, int agentPort, int agent2Port, int agentMediaPort, int agent2MediaPort,
                           int amiPort, int rtpStart, int rtpEnd, String gatewayHost) {
        /** The path of its asterisk.conf inside the chroot; also what its process's command line names. */
        String conf() {
            return "/etc/" + name + "/asterisk.conf";
        }
    }

    /** The rig's usual (first) Asterisk, on the ports above; it reaches FastAGI on 127.0.0.1. */
    public static final Instance ONE = new Instance("asterisk-rig", SIP_PORT, AGENT_PORT, AGENT2_PORT, AGENT_MEDIA_PORT,
            AGENT2_MEDIA_PORT, AMI_PORT, RigPorts.at(2000), RigPorts.at(2999), "127.0.0.1");

    /**
     * A second Asterisk beside {@link #ONE} (issue #17 item 3: two Asterisk servers), on ports of its own, reaching the
     * gateways' FastAGI at {@code gatewayHost}: a local address other than 127.0.0.1, so that the gateway sees its
     * FastAGI connections come from another address than the first server's (a server is told by its peer address).
     */
    public static Instance second(String gatewayHost) {
        return new Instance("asterisk-rig2", RigPorts.at(40), RigPorts.at(42), RigPorts.at(44), RigPorts.at(50),
                RigPorts.at(60), RigPorts.at(8), RigPorts.at(1600), RigPorts.at(1999), gatewayHost);
    }

    /** Rigs running in this JVM: the chroot's /proc is unmounted when the last one stops. */
    private static final java.util.concurrent.atomic.AtomicInteger RUNNING = new java.util.concurrent.atomic.AtomicInteger();

    private final Path chroot;
    private final Path repo;
    private final Process process;
    private final Instance instance;
    private final String conf;

    private AsteriskRig(Path chroot, Path repo, Process process, Instance instance) {
        this.chroot = chroot;
        this.repo = repo;
        this.process = process;
        this.instance = instance;
        this.conf = instance.conf();
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
        return start(logFile, ONE);
    }

    /** Starts the Asterisk process {@code instance}; stops a stale process of the same instance only. */
    public static AsteriskRig start(Path logFile, Instance instance) throws IOException, InterruptedException {
        Path chroot = chroot();
        Path repo = repo();
        stopStale(chroot, instance.conf());
        writeConfig(chroot, repo, instance);
        Files.createDirectories(chroot.resolve("var/run/" + instance.name()));
        Files.createDirectories(chroot.resolve("var/log/" + instance.name()));
        Files.createDirectories(chroot.resolve("var/lib/" + instance.name()));
        Files.createDirectories(chroot.resolve(RECORDINGS.substring(1)));
        if (run(List.of("mountpoint", "-q", chroot.resolve("proc").toString())) != 0) {
            check(run(List.of("mount", "-t", "proc", "proc", chroot.resolve("proc").toString())), "mount /proc in the chroot");
        }
        check(run(List.of(repo.resolve("deploy/install-prompts.sh").toString(),
                chroot.resolve("usr/share/asterisk/sounds").toString())), "install the notice prompts into the chroot");
        Files.createDirectories(logFile.getParent());
        Process process = new ProcessBuilder("chroot", chroot.toString(), "/usr/sbin/asterisk", "-f", "-C", instance.conf())
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        RUNNING.incrementAndGet();
        AsteriskRig rig = new AsteriskRig(chroot, repo, process, instance);
        Instant deadline = Instant.now().plusSeconds(30);
        while (rig.cliStatus("core waitfullybooted") != 0) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Asterisk did not boot within 30 s; see " + logFile);
            }
            Thread.sleep(200);
        }
        rig.checkGatewayAddresses();
        return rig;
    }

    private static void writeConfig(Path chroot, Path repo, Instance instance) throws IOException {
        Map<String, String> values = Map.ofEntries(Map.entry("@SIP_PORT@", "" + instance.sipPort()),
                Map.entry("@AGENT_PORT@", "" + instance.agentPort()), Map.entry("@AGENT2_PORT@", "" + instance.agent2Port()),
                Map.entry("@AMI_PORT@", "" + instance.amiPort()), Map.entry("@AGI_PORT@", "" + AGI_PORT),
                Map.entry("@AGI2_PORT@", "" + AGI2_PORT), Map.entry("@DEAD_AGI_PORT@", "" + DEAD_AGI_PORT),
                Map.entry("@DEAD_AGI2_PORT@", "" + DEAD_AGI2_PORT), Map.entry("@RTP_START@", "" + instance.rtpStart()),
                Map.entry("@RTP_END@", "" + instance.rtpEnd()), Map.entry("@RIG@", instance.name()),
                Map.entry("@DB_DIR@", instance == ONE ? "/var/lib/asterisk" : "/var/lib/" + instance.name()),
                Map.entry("@GATEWAY_HOST@", instance.gatewayHost()));
        Path target = chroot.resolve("etc/" + instance.name());
        Files.createDirectories(target);
        Path source = repo.resolve("gateway/src/test/resources/asterisk-rig");
        List<Path> files;
        try (var list = Files.list(source)) {
            files = list.toList();
        }
        String recordLines = recordWithFailover(repo);
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8).replace("@RECORD_WITH_FAILOVER@", recordLines);
            for (var e : values.entrySet()) {
                text = text.replace(e.getKey(), e.getValue());
            }
            Files.writeString(target.resolve(file.getFileName().toString()), text, StandardCharsets.UTF_8);
        }
        // What an administrator installs, byte for byte: every snippet of deploy/asterisk/, which the rig's own
        // files #include. No private copy: a test passes only with the snippets the README tells people to paste.
        try (var list = Files.list(repo.resolve("deploy/asterisk"))) {
            for (Path snippet : list.filter(f -> f.toString().endsWith(".conf")).toList()) {
                Files.copy(snippet, target.resolve(snippet.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // Modules that log errors without a config file of their own.
        for (String empty : List.of("cdr", "cel", "indications", "acl", "udptl", "pjproject", "ccss")) {
            Path p = target.resolve(empty + ".conf");
            if (!Files.exists(p)) {
                Files.writeString(p, "");
            }
        }
    }

    /**
     * The shipped AGI(record) lines of {@code [from-external-recorded]}: the AGI line to GATEWAY and the
     * ExecIf lines after it (failover to GATEWAY2, the reason when neither answered), as an administrator copies them.
     */
    static String recordWithFailover(Path repo) throws IOException {
        List<String> lines = Files.readAllLines(repo.resolve("deploy/asterisk/extensions_recording_gateway.conf"));
        int context = lines.indexOf("[from-external-recorded]");
        int first = context < 0 ? -1 : lines.subList(context, lines.size()).indexOf(" same => n,AGI(agi://${GATEWAY}/record)");
        if (first < 0) {
            throw new IllegalStateException("deploy/asterisk/extensions_recording_gateway.conf has no AGI(agi://${GATEWAY}/record)"
                    + " line in [from-external-recorded]; the rig copies it and the failover lines after it into its contexts");
        }
        List<String> copied = new java.util.ArrayList<>();
        for (int i = context + first; i < lines.size() && (copied.isEmpty() || lines.get(i).startsWith(" same => n,ExecIf(")); i++) {
            copied.add(lines.get(i));
        }
        if (copied.size() < 4) {
            throw new IllegalStateException("the shipped [from-external-recorded] lost its failover lines after AGI(record): " + copied);
        }
        return String.join("\n", copied);
    }

    /** Stops a process of this instance left by an earlier run: only the one started with {@code conf}. */
    private static void stopStale(Path chroot, String conf) throws IOException, InterruptedException {
        run(List.of("chroot", chroot.toString(), "/usr/sbin/asterisk", "-C", conf, "-rx", "core stop now"));
        run(List.of("pkill", "-f", "asterisk -f -C " + conf + "$"));
    }

    /**
     * The rig points the shipped dialplan at its own FastAGI ports in one place, as an administrator does: the globals
     * GATEWAY and GATEWAY2 (its extensions.conf appends them to the snippet's [globals]). Fails when Asterisk did not
     * take them, e.g. because the snippet stopped using those globals' names.
     */
    private void checkGatewayAddresses() throws IOException, InterruptedException {
        String globals = cli("dialplan show globals");
        for (String expected : List.of("GATEWAY=" + instance.gatewayHost() + ":" + AGI_PORT,
                "GATEWAY2=" + instance.gatewayHost() + ":" + AGI2_PORT)) {
            if (!globals.contains(expected)) {
                throw new IllegalStateException("Asterisk's globals lack " + expected + " (the rig's FastAGI ports): "
                        + "check [globals] in deploy/asterisk/extensions_recording_gateway.conf and the rig's extensions.conf; got "
                        + globals);
            }
        }
    }

    /** Runs an Asterisk CLI command and returns its output. */
    public String cli(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("chroot", chroot.toString(), "/usr/sbin/asterisk", "-C", conf, "-rx", command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        return out;
    }

    private int cliStatus(String command) throws IOException, InterruptedException {
        return run(List.of("chroot", chroot.toString(), "/usr/sbin/asterisk", "-C", conf, "-rx", command));
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

    /** This process's configuration, directories and ports. */
    public Instance instance() {
        return instance;
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
        if (RUNNING.decrementAndGet() == 0) {
            run(List.of("umount", chroot.resolve("proc").toString()));
        }
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
