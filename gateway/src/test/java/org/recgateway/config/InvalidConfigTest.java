package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per kind of mistake: each names the line, the key and what to do. */
class InvalidConfigTest {

    private static final String AMI_OFF = "ami: {enabled: false}\n";

    private static List<ConfigProblem> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "gateway.yaml", Map.of()))
                .problems();
    }

    private static ConfigProblem onlyProblem(String yaml) {
        List<ConfigProblem> problems = problems(yaml);
        assertEquals(1, problems.size(), problems::toString);
        return problems.getFirst();
    }

    @Test
    void misspelledKeyIsReportedWithASuggestion() {
        ConfigProblem p = onlyProblem(AMI_OFF + "agi:\n  port: 4573\n  alowedClients: [127.0.0.1]\n");
        assertEquals(new ConfigProblem("gateway.yaml", 4, "agi.alowedClients", "unknown key 'alowedClients'; did you"
                + " mean 'allowedClients'? known keys here: allowedClients, bind, headerTimeout, maxConnectionsPerClient, maxSessions, port,"
                + " replyTimeout"), p);
    }

    @Test
    void unknownSectionIsReported() {
        ConfigProblem p = onlyProblem(AMI_OFF + "polcy: {}\n");
        assertEquals(2, p.line());
        assertTrue(p.message().startsWith("unknown key 'polcy'; did you mean 'policy'?"), p.message());
    }

    @Test
    void wrongTypeIsReported() {
        ConfigProblem p = onlyProblem(AMI_OFF + "agi:\n  maxSessions: lots\n");
        assertEquals(new ConfigProblem("gateway.yaml", 3, "agi.maxSessions", "expected a whole number, got text 'lots'"), p);
        ConfigProblem bool = onlyProblem("ami: {enabled: maybe, password: x}\n");
        assertEquals("expected true or false, got text 'maybe'", bool.message());
    }

    @Test
    void badPortIsReported() {
        ConfigProblem p = onlyProblem(AMI_OFF + "http:\n  port: 70000\n");
        assertEquals(new ConfigProblem("gateway.yaml", 3, "http.port", "must be between 1 and 65535, got 70000"), p);
    }

    @Test
    void httpPortThatIsAlsoTheAgiPortIsReported() {
        ConfigProblem p = onlyProblem(AMI_OFF + "http:\n  port: 4573\n");
        assertEquals("4573 is also agi.port; give the HTTP API a port of its own", p.message());
    }

    @Test
    void badIpAddressInAllowedClientsIsReported() {
        ConfigProblem p = onlyProblem(AMI_OFF + "agi:\n  allowedClients:\n    - 127.0.0.1\n    - pbx.example.net\n");
        assertEquals(5, p.line());
        assertEquals("agi.allowedClients[1]", p.key());
        assertTrue(p.message().startsWith("'pbx.example.net' is not an IP address"), p.message());
    }

    @Test
    void emptyAllowedClientsIsReported() {
        ConfigProblem p = onlyProblem(AMI_OFF + "agi:\n  allowedClients: []\n");
        assertEquals("is empty, so no Asterisk could connect; list at least one address", p.message());
    }

    @Test
    void missingAmiPasswordIsReportedWhenAmiIsEnabled() {
        ConfigProblem p = onlyProblem("ami:\n  username: recgateway\n");
        assertEquals(1, p.line());
        assertEquals("ami.password", p.key());
        assertTrue(p.message().startsWith("required when ami.enabled is true"), p.message());
    }

    @Test
    void passwordEnvNamingAnUnsetVariableIsReported() {
        ConfigProblem p = onlyProblem("ami:\n  passwordEnv: NOT_SET_ANYWHERE\n");
        assertEquals(new ConfigProblem("gateway.yaml", 2, "ami.passwordEnv", "the environment variable "
                + "'NOT_SET_ANYWHERE' is not set or empty; export it with the AMI secret from manager.conf"), p);
    }

    @Test
    void passwordWithALineBreakIsRefusedBecauseAmiIsLineBased() {
        ConfigProblem p = onlyProblem("ami:\n  password: \"a\\r\\nAction: Originate\"\n");
        assertEquals("ami.password", p.key());
        assertTrue(p.message().contains("line break"), p.message());
    }

    @Test
    void badTokenHashAndUnknownRoleAreReported() {
        List<ConfigProblem> problems = problems(AMI_OFF + """
                http:
                  tokens:
                    - name: alice
                      role: boss
                      sha256: my-plain-token
                """);
        assertEquals(2, problems.size(), problems::toString);
        assertEquals(new ConfigProblem("gateway.yaml", 5, "http.tokens[0].role", "unknown role 'boss'; roles: "
                + "administrator, privacy-officer, supervisor, agent, provider"), problems.get(0));
        assertEquals(6, problems.get(1).line());
        assertTrue(problems.get(1).message().startsWith("must be 64 hexadecimal characters"));
    }

    @Test
    void malformedDurationIsReported() {
        ConfigProblem p = onlyProblem(AMI_OFF + "agi:\n  replyTimeout: 5 minutes\n");
        assertEquals(new ConfigProblem("gateway.yaml", 3, "agi.replyTimeout", "malformed duration '5 minutes'; "
                + Durations.FORMS), p);
        assertTrue(onlyProblem(AMI_OFF + "agi: {headerTimeout: 5}\n").message().startsWith("the duration 5 has no unit"));
        assertTrue(onlyProblem(AMI_OFF + "agi: {headerTimeout: P1M}\n").message().contains("have no fixed length"));
        assertTrue(onlyProblem(AMI_OFF + "agi: {headerTimeout: 0s}\n").message().startsWith("must be longer than zero"));
    }

    @Test
    void unsafeRecordingDirectoryIsRefused() {
        ConfigProblem p = onlyProblem(AMI_OFF + "recordings:\n  asteriskDirectory: /var/spool/${EVIL},x\n");
        assertEquals("recordings.asteriskDirectory", p.key());
        assertTrue(p.message().contains("Asterisk reads commas, quotes and ${...} in it as syntax"), p.message());
        assertTrue(onlyProblem(AMI_OFF + "recordings: {asteriskDirectory: relative/dir}\n").message()
                .startsWith("must be an absolute path"));
        assertTrue(onlyProblem(AMI_OFF + "recordings: {format: mp3}\n").message()
                .equals("unknown format 'mp3'; formats: wav, gsm"));
    }

    @Test
    void yamlSyntaxErrorIsReportedWithItsLine() {
        ConfigProblem p = onlyProblem("agi:\n  port: 4573\n bind: 127.0.0.1\n");
        assertEquals(3, p.line());
        assertTrue(p.message().startsWith("YAML syntax error: "), p.message());
    }

    @Test
    void duplicateKeyIsReported() {
        ConfigProblem p = onlyProblem(AMI_OFF + "agi:\n  port: 4573\n  port: 4574\n");
        assertEquals(new ConfigProblem("gateway.yaml", 4, "agi.port", "duplicate key; it is already set on line 3,"
                + " remove one of them"), p);
    }

    @Test
    void everyProblemIsReportedAtOnceInOneMessage() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                agi:
                  port: 0
                ami:
                  enabled: true
                http:
                  tokens:
                    - {name: a, role: root, sha256: abc}
                policy:
                  rules:
                    - name: x
                      when: {context: a}
                      record: {purpose: sale, notice: n, retention: 1d}
                """, "config/gateway.yaml", Map.of()));
        assertEquals(5, e.problems().size(), e::getMessage);
        assertTrue(e.getMessage().startsWith("invalid configuration (5 problems):\n"), e.getMessage());
        assertTrue(e.getMessage().contains("\n  config/gateway.yaml:2: agi.port: must be between 1 and 65535, got 0"));
        assertTrue(e.getMessage().contains("\n  config/gateway.yaml:12: policy.rules[0].record.purpose: unknown purpose"
                + " 'sale'; known purposes: quality, complaint-handling, contract-evidence, training,"
                + " provider-diagnostics, legal-obligation"), e.getMessage());
    }

    @Test
    void controlCharactersFromTheFileAreNotEchoed() {
        ConfigProblem p = onlyProblem(AMI_OFF + "agi: {bind: \"1.2.3.4\\nFAKE LOG LINE\"}\n");
        assertTrue(p.message().startsWith("'1.2.3.4?FAKE LOG LINE' is not an IP address"), p.message());
    }
}
