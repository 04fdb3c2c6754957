package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.CallAttributes;
import org.recgateway.policy.ConsentStep;
import org.recgateway.policy.DoNotRecordPlan;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.ObjectionStep;
import org.recgateway.policy.PolicyDecision;
import org.recgateway.policy.Purpose;
import org.recgateway.policy.PurposeTerms;
import org.recgateway.policy.Role;
import org.recgateway.prompts.ManifestPromptLibrary;

class ConfigLoaderTest {

    private static final Path EXAMPLE = Path.of("../config/gateway.yaml");
    private static final Map<String, String> NO_ENV = Map.of();

    private static CallAttributes call(String context, String dnid, String language, String... args) {
        return new CallAttributes(context, "s", dnid, "0612345678", "", language, "PJSIP/a-1", "1.1", "1.1",
                List.of(args));
    }

    @Test
    void exampleConfigurationLoads() throws Exception {
        GatewayConfig config = ConfigLoader.load(EXAMPLE, NO_ENV);
        assertEquals("change-me", config.ami().password());
        assertEquals(List.of(), config.http().tokens());
        assertEquals(3, config.policy().rules().size());
        int line = Files.readAllLines(EXAMPLE).indexOf("    - name: sales-line") + 1;
        assertEquals("../config/gateway.yaml:" + line, config.policy().rules().get(1).origin());
    }

    @Test
    void examplePolicyDecidesAsItsCommentsSay() throws ConfigException {
        var policy = ConfigLoader.load(EXAMPLE, NO_ENV).policy();
        assertEquals(new PolicyDecision.DoNotRecord("internal", "internal calls are not recorded"),
                policy.decide(call("internal", "201", "nl")));
        assertEquals(new PolicyDecision.Record("sales-line", List.of(
                        new PurposeTerms(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, Duration.ofDays(365)),
                        new PurposeTerms(Purpose.TRAINING, LegalBasis.CONSENT, Duration.ofDays(90),
                                Optional.of(new ConsentStep("question-consent-training", "1", Duration.ofSeconds(5))))),
                        "notice-contract-evidence-will", "en", 100, Optional.empty()),
                policy.decide(call("from-external", "0201234567", "en", "sales")));
        assertEquals(new PolicyDecision.Record("complaints-line", List.of(
                        new PurposeTerms(Purpose.COMPLAINT_HANDLING, LegalBasis.CONTRACT, Duration.ofDays(365))),
                        "notice-complaint-handling", "nl", 20, Optional.empty()),
                policy.decide(call("from-external", "0201234999", "nl", "complaints")));
        assertEquals(new PolicyDecision.Record("default", List.of(
                        new PurposeTerms(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30))),
                        "notice-quality-will", "nl", 100,
                        Optional.of(new ObjectionStep("question-objection", "9", Duration.ofSeconds(3)))),
                policy.decide(call("from-external", "0201234567", "de", "support")));
    }

    @Test
    void examplePolicyFitsTheCommittedPromptLibrary() throws ConfigException {
        GatewayConfig config = ConfigLoader.load(EXAMPLE, NO_ENV);
        var library = ManifestPromptLibrary.load(Path.of("../notice-prompts/manifest.json"),
                Path.of("../notice-prompts/sounds"), "recording-gateway");
        assertEquals(List.of(), PolicyPromptCheck.check(config.policy(), library));
    }

    @Test
    void readmeRuleShapeLoadsAndFitsTheCommittedPromptLibrary() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("```yaml\n", readme.indexOf("#### Rule shape")) + "```yaml\n".length();
        String yaml = "ami: {enabled: false}\n" + readme.substring(start, readme.indexOf("```", start));
        GatewayConfig config = ConfigLoader.parse(yaml, "README.md", NO_ENV);
        var library = ManifestPromptLibrary.load(Path.of("../notice-prompts/manifest.json"),
                Path.of("../notice-prompts/sounds"), "recording-gateway");
        assertEquals(3, config.policy().rules().size());
        assertEquals(List.of(), PolicyPromptCheck.check(config.policy(), library));
    }

    @Test
    void embeddedDefaultsLoadWithThePasswordFromTheEnvironment() throws ConfigException {
        GatewayConfig config = ConfigLoader.defaults(Map.of(Defaults.AMI_PASSWORD_ENV, "s3cret"));
        assertEquals(new AgiConfig("127.0.0.1", 4573, List.of("127.0.0.1", "::1"), 10_000, 12_000, Duration.ofSeconds(5),
                Duration.ofMinutes(5)), config.agi());
        assertEquals(new AmiConfig(true, "127.0.0.1", 5038, "recgateway", "s3cret", Duration.ofSeconds(10)),
                config.ami());
        assertEquals(new HttpConfig(true, "127.0.0.1", 8480, List.of()), config.http());
        assertEquals(Path.of("data/recordings.db").toAbsolutePath(), config.store().path());
        assertEquals("/var/spool/asterisk/recording-gateway", config.recordings().asteriskDirectory());
        assertEquals(Path.of("/var/spool/asterisk/recording-gateway"), config.recordings().localDirectory());
        assertEquals(RecordingFormat.WAV, config.recordings().format());
        assertEquals("recording-gateway", config.prompts().playbackPrefix());
        assertEquals("nl", config.policy().defaultLanguage());
        assertInstanceOf(DoNotRecordPlan.class, config.policy().defaultRule().action(),
                "without a policy nothing is recorded");
    }

    @Test
    void exampleShowsTheEmbeddedDefaults() throws ConfigException {
        GatewayConfig example = ConfigLoader.load(EXAMPLE, NO_ENV);
        GatewayConfig defaults = ConfigLoader.defaults(Map.of(Defaults.AMI_PASSWORD_ENV, "change-me"));
        assertEquals(defaults.agi(), example.agi());
        assertEquals(defaults.ami(), example.ami());
        assertEquals(defaults.http(), example.http());
        assertEquals(defaults.store(), example.store());
        assertEquals(defaults.recordings(), example.recordings());
        assertEquals(defaults.prompts(), example.prompts());
        assertEquals(defaults.policy().defaultLanguage(), example.policy().defaultLanguage());
    }

    @Test
    void embeddedDefaultsWithoutAnAmiPasswordSayHowToGiveOne() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.defaults(NO_ENV));
        assertEquals(1, e.problems().size());
        assertEquals("ami.password", e.problems().getFirst().key());
        assertTrue(e.getMessage().contains("export RECGATEWAY_AMI_PASSWORD"), e.getMessage());
    }

    @Test
    void passwordEnvNamesTheVariableThatHoldsTheSecret() throws ConfigException {
        String yaml = "ami:\n  passwordEnv: PBX_SECRET\n";
        assertEquals("from-env", ConfigLoader.parse(yaml, "g.yaml", Map.of("PBX_SECRET", "from-env")).ami().password());
    }

    @Test
    void amiPasswordNeverAppearsInToString() throws ConfigException {
        GatewayConfig config = ConfigLoader.parse("ami: {password: topsecret}", "g.yaml", NO_ENV);
        assertTrue(!config.toString().contains("topsecret"), config.toString());
    }

    @Test
    void tokensAreReadWithRoleAndLowerCaseHash() throws ConfigException {
        String hash = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
        String yaml = "ami: {enabled: false}\nhttp:\n  tokens:\n    - {name: po, role: privacy-officer, sha256: " + hash + "}\n";
        assertEquals(List.of(new ApiToken("po", Role.PRIVACY_OFFICER, hash.toLowerCase())),
                ConfigLoader.parse(yaml, "g.yaml", NO_ENV).http().tokens());
    }

    @Test
    void numbersWrittenWithoutQuotesKeepTheirLeadingZerosAndPlus() throws ConfigException {
        String yaml = """
                ami: {enabled: false}
                policy:
                  rules:
                    - name: dutch
                      when: {called: 0201234567, callerPrefix: [+31, 0031]}
                      doNotRecord: test
                """;
        var matcher = ConfigLoader.parse(yaml, "g.yaml", NO_ENV).policy().rules().getFirst().when();
        assertEquals("0201234567", matcher.called().getFirst().text());
        assertEquals(List.of("+31", "0031"), matcher.callerPrefixes());
    }

    @Test
    void missingFileIsReportedWithTheWorkingDirectory(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml"), NO_ENV));
        assertTrue(e.getMessage().contains("no such file (working directory "), e.getMessage());
    }

    @Test
    void fileThatIsNotUtf8IsReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[]{'a', ':', ' ', (byte) 0xE9, '\n'});
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, NO_ENV));
        assertEquals("not UTF-8 text; save the file as UTF-8", e.problems().getFirst().message());
    }
}
