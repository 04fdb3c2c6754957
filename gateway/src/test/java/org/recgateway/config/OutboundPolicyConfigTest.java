package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recgateway.policy.Direction;
import org.recgateway.policy.Policy;

/**
 * {@code direction: outbound}: how a rule declares that the called party hears its notice, and each way a policy
 * could record outbound calls without a notice to the called party, refused at load with the place and the fix.
 */
class OutboundPolicyConfigTest {

    private static final String HEAD = "ami: {enabled: false}\npolicy:\n  rules:\n";
    private static final String SALES_OUT = """
                - name: sales-out
                  direction: outbound
                  when: {context: [agents-out]}
                  record: {purpose: contract-evidence, notice: notice-contract-evidence-will, retention: 365d}
            """;

    private static Policy policy(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "gateway.yaml", Map.of()).policy();
    }

    private static List<ConfigProblem> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "gateway.yaml", Map.of())).problems();
    }

    private static ConfigProblem onlyProblem(String yaml) {
        List<ConfigProblem> problems = problems(yaml);
        assertEquals(1, problems.size(), problems::toString);
        return problems.getFirst();
    }

    @Test
    void aRuleDeclaresItsDirectionAndRulesWithoutOneAreInbound() throws ConfigException {
        Policy policy = policy(HEAD + SALES_OUT + """
                - name: support-in
                  when: {context: [from-external]}
                  record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {}}
            """);
        assertEquals(Direction.OUTBOUND, policy.rules().get(0).direction());
        assertEquals(Direction.INBOUND, policy.rules().get(1).direction());
        assertEquals(Direction.INBOUND, policy.defaultRule().direction());
    }

    @Test
    void anUnknownDirectionIsRefusedNamingBoth() {
        ConfigProblem p = onlyProblem(HEAD + SALES_OUT.replace("direction: outbound", "direction: out"));
        assertEquals("policy.rules[0].direction", p.key());
        assertEquals(5, p.line());
        assertTrue(p.message().contains("inbound") && p.message().contains("outbound"), p.message());
    }

    @Test
    void anOutboundRuleWithoutTheContextsAgentsDialOutFromIsRefused() {
        ConfigProblem p = onlyProblem(HEAD + SALES_OUT.replace("when: {context: [agents-out]}", "when: {called: [\"_0X.\"]}"));
        assertEquals("policy.rules[0].when.context", p.key());
        assertTrue(p.message().contains("U(recording-gateway-called-party-notice^${CONTEXT}^${EXTEN})"), p.message());
    }

    @Test
    void anInboundRuleOnAContextAnOutboundRuleNamesIsRefusedBecauseItsNoticeWouldReachTheAgent() {
        ConfigProblem p = onlyProblem(HEAD + SALES_OUT + """
                - name: agents-recorded
                  when: {context: [agents-out, from-external]}
                  record: {purpose: contract-evidence, notice: notice-contract-evidence-will, retention: 365d}
            """);
        assertEquals("policy.rules[agents-recorded].when.context", p.key());
        assertEquals(8, p.line());
        assertTrue(p.message().contains("'agents-out'") && p.message().contains("'sales-out' (gateway.yaml:4)")
                && p.message().contains("direction: outbound"), p.message());
    }

    @Test
    void theDefaultRuleCannotBeOutbound() {
        ConfigProblem p = onlyProblem("ami: {enabled: false}\npolicy:\n  default:\n    direction: outbound\n"
                + "    record: {purpose: contract-evidence, notice: notice-contract-evidence-will, retention: 365d}\n");
        assertEquals("policy.default.direction", p.key());
        assertTrue(p.message().contains("inbound calls only"), p.message());
    }

    @Test
    void anOutboundRuleCannotOfferTheInCallObjectionTheCalledPartyHasNoFeatureCodeFor() {
        ConfigProblem p = onlyProblem(HEAD + """
                - name: survey-out
                  direction: outbound
                  when: {context: [agents-out]}
                  record: {purpose: quality, notice: notice-quality-will-in-call-objection, retention: 30d,
                           objection: {during: call}}
            """);
        assertEquals("policy.rules[0].record.objection.during", p.key());
        assertTrue(p.message().contains("during: offer"), p.message());
    }
}
