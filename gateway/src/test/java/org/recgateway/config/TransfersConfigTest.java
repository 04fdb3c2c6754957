package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.recgateway.policy.NewPartyRule;

class TransfersConfigTest {
    private static final String AMI_OFF = "ami: {enabled: false}\n";

    @Test
    void withoutTheSectionANewPartyStopsTheRecordingTheSafeDefault() throws Exception {
        GatewayConfig config = ConfigLoader.parse(AMI_OFF, "gateway.yaml", Map.of());
        assertEquals(new TransfersConfig(NewPartyRule.STOP_RECORDING, Duration.ofSeconds(30)), config.transfers());
    }

    @Test
    void theNoticeRuleAndItsTimeoutAreRead() throws Exception {
        GatewayConfig config = ConfigLoader.parse(AMI_OFF + "transfers:\n  newParty: notice\n  noticeTimeout: 20s\n", "gateway.yaml", Map.of());
        assertEquals(new TransfersConfig(NewPartyRule.NOTICE, Duration.ofSeconds(20)), config.transfers());
    }

    @Test
    void anUnknownRuleIsRefusedNamingTheChoices() {
        List<ConfigProblem> problems = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                AMI_OFF + "transfers:\n  newParty: record-anyway\n", "gateway.yaml", Map.of())).problems();
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("transfers.newParty", problems.getFirst().key());
        assertEquals(3, problems.getFirst().line());
        assertTrue(problems.getFirst().message().contains("stop-recording, notice"), problems.getFirst().message());
    }
}
