package org.recgateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {

    private static CallAttributes call(String context, String dnid, String callerId, String language,
                                       String... arguments) {
        return new CallAttributes(context, "s", dnid, callerId, "", language, "PJSIP/a-1", "1.1", "1.1",
                List.of(arguments));
    }

    private static RecordingPlan quality(String... languages) {
        return new RecordingPlan(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, "notice-quality",
                Duration.ofDays(30), List.of(languages));
    }

    private static PolicyRule rule(String name, CallMatcher when, RuleAction action) {
        return new PolicyRule(name, when, action, "test.yaml:1");
    }

    private static CallMatcher contexts(String... names) {
        return new CallMatcher(List.of(names), List.of(), List.of(), Map.of());
    }

    private static final PolicyRule DEFAULT =
            rule(Policy.DEFAULT_RULE_NAME, CallMatcher.ANY, new DoNotRecordPlan("no rule matched"));

    @Test
    void firstMatchingRuleWins() {
        Policy policy = new Policy(List.of(
                rule("first", contexts("from-external"), quality("nl")),
                rule("second", contexts("from-external"), new DoNotRecordPlan("never reached"))), DEFAULT, "nl");
        assertEquals("first", policy.decide(call("from-external", "0201234567", "0612345678", "nl")).ruleName());
    }

    @Test
    void defaultAppliesWhenNoRuleMatches() {
        Policy policy = new Policy(List.of(rule("external", contexts("from-external"), quality("nl"))),
                DEFAULT, "nl");
        PolicyDecision decision = policy.decide(call("internal", "201", "202", "nl"));
        assertEquals(new PolicyDecision.DoNotRecord("default", "no rule matched"), decision);
    }

    @Test
    void recordDecisionCarriesThePlan() {
        Policy policy = new Policy(List.of(), rule("default", CallMatcher.ANY, quality("nl")), "nl");
        assertEquals(new PolicyDecision.Record("default", Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                        "notice-quality", "nl", Duration.ofDays(30)),
                policy.decide(call("x", "1", "2", "nl")));
    }

    @Test
    void contextConditionMatchesAnyNamedContextExactly() {
        CallMatcher matcher = contexts("from-external", "from-trunk");
        assertTrue(matcher.matches(call("from-trunk", "1", "2", "nl")));
        assertFalse(matcher.matches(call("from-external-2", "1", "2", "nl")));
    }

    @Test
    void calledConditionMatchesTheDnidOrElseTheExtension() {
        CallMatcher matcher = new CallMatcher(List.of(), List.of(DialPattern.parse("_0201234XXX")), List.of(),
                Map.of());
        assertTrue(matcher.matches(call("c", "0201234567", "", "nl")));
        assertFalse(matcher.matches(call("c", "0301234567", "", "nl")));
        CallAttributes noDnid = new CallAttributes("c", "0201234999", "unknown", "", "", "nl", "", "", "", List.of());
        assertTrue(matcher.matches(noDnid));
    }

    @Test
    void callerPrefixComparesWithoutSpacesAndWithoutNormalising() {
        CallMatcher matcher = new CallMatcher(List.of(), List.of(), List.of("+31 20"), Map.of());
        assertTrue(matcher.matches(call("c", "1", "+31 20 123 4567", "nl")));
        assertTrue(matcher.matches(call("c", "1", "+312012", "nl")));
        assertFalse(matcher.matches(call("c", "1", "0031201234567", "nl")), "0031 is not rewritten to +31");
        assertFalse(matcher.matches(call("c", "1", "", "nl")));
    }

    @Test
    void argumentConditionMatchesTheNumberedAgiArgument() {
        CallMatcher matcher = new CallMatcher(List.of(), List.of(), List.of(),
                Map.of(1, DialPattern.parse("sales"), 2, DialPattern.parse("_X.")));
        assertTrue(matcher.matches(call("c", "1", "2", "nl", "sales", "42")));
        assertFalse(matcher.matches(call("c", "1", "2", "nl", "support", "42")));
        assertFalse(matcher.matches(call("c", "1", "2", "nl", "sales")), "a missing argument does not match");
    }

    @Test
    void everyPresentConditionMustMatch() {
        CallMatcher matcher = new CallMatcher(List.of("from-external"), List.of(DialPattern.parse("_020X.")),
                List.of("06"), Map.of());
        assertTrue(matcher.matches(call("from-external", "02012", "0612", "nl")));
        assertFalse(matcher.matches(call("from-external", "02012", "0712", "nl")));
        assertFalse(matcher.matches(call("internal", "02012", "0612", "nl")));
        assertTrue(CallMatcher.ANY.matches(call("", "", "", "")));
    }

    @Test
    void noticeLanguageIsTheChannelLanguageWhenTheRuleRoutesToIt() {
        Policy policy = new Policy(List.of(), rule("default", CallMatcher.ANY, quality("nl", "en")), "nl");
        assertEquals("en", ((PolicyDecision.Record) policy.decide(call("c", "1", "2", "en"))).language());
    }

    @Test
    void noticeLanguageFallsBackToTheRulesFirstLanguage() {
        Policy policy = new Policy(List.of(), rule("default", CallMatcher.ANY, quality("nl", "en")), "nl");
        assertEquals("nl", ((PolicyDecision.Record) policy.decide(call("c", "1", "2", "de"))).language());
        assertEquals("nl", ((PolicyDecision.Record) policy.decide(call("c", "1", "2", ""))).language());
    }

    @Test
    void duplicateRuleNamesAreRefused() {
        PolicyRule a = rule("a", contexts("x"), quality("nl"));
        assertThrows(IllegalArgumentException.class, () -> new Policy(List.of(a, a), DEFAULT, "nl"));
    }

    @Test
    void retentionAboveThePurposeMaximumIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RecordingPlan(Purpose.PROVIDER_DIAGNOSTICS,
                LegalBasis.LEGITIMATE_INTEREST, "n", Duration.ofDays(31), List.of("nl")));
    }

    private static CallAttributes outbound(String context, String dialled) {
        return new CallAttributes(context, dialled, dialled, "201", "", "nl", "PJSIP/trunk-1", "2.2", "1.1", List.of(),
                Direction.OUTBOUND);
    }

    private static PolicyRule outboundRule(String name, CallMatcher when, RuleAction action) {
        return new PolicyRule(name, when, action, "test.yaml:9", Direction.OUTBOUND);
    }

    @Test
    void aRuleDecidesOnlyCallsOfItsDirection() {
        Policy policy = new Policy(List.of(
                outboundRule("sales-out", contexts("agents-out"), quality("nl")),
                rule("support-in", contexts("from-external"), quality("nl"))), DEFAULT, "nl");
        assertEquals("sales-out", policy.decide(outbound("agents-out", "0201234567")).ruleName());
        // an inbound rule never decides an outbound call, even where its conditions match
        assertEquals(new PolicyDecision.DoNotRecord("default", "no rule with direction outbound matches this call"),
                policy.decide(outbound("from-external", "0201234567")));
        assertEquals("support-in", policy.decide(call("from-external", "0201234567", "0612345678", "nl")).ruleName());
    }

    @Test
    void theDefaultRuleNeverRecordsAnOutboundCallItsNoticeWouldNotReachTheCalledParty() {
        Policy policy = new Policy(List.of(), rule("default", CallMatcher.ANY, quality("nl")), "nl");
        assertTrue(policy.decide(outbound("agents-out", "0201234567")) instanceof PolicyDecision.DoNotRecord);
        assertTrue(policy.decide(call("agents-out", "1", "2", "nl")) instanceof PolicyDecision.Record);
    }

    @Test
    void agiRecordOnTheCallingSideOfAnOutboundContextIsRefusedBeforeAnyInboundRuleOrTheDefault() {
        Policy policy = new Policy(List.of(
                rule("catch-all-in", new CallMatcher(List.of(), List.of(DialPattern.parse("_X.")), List.of(), Map.of()), quality("nl")),
                outboundRule("sales-out", contexts("agents-out", "agents-out-2"), quality("nl"))),
                rule("default", CallMatcher.ANY, quality("nl")), "nl");
        assertEquals(new PolicyDecision.CalledPartyNotTold("sales-out", "agents-out-2"),
                policy.decide(call("agents-out-2", "0201234567", "201", "nl")));
        assertEquals("catch-all-in", policy.decide(call("from-external", "0201234567", "0612345678", "nl")).ruleName());
    }

    @Test
    void theDefaultRuleMustBeInbound() {
        assertThrows(IllegalArgumentException.class, () -> new Policy(List.of(),
                new PolicyRule("default", CallMatcher.ANY, quality("nl"), "", Direction.OUTBOUND), "nl"));
    }

    @Test
    void agiRecordOnAnAgentsOwnPhoneIsAnAgentCallingOutAndIsRefusedWhateverItsContext() {
        Policy policy = new Policy(List.of(rule("in", contexts("from-internal"), quality("nl"))),
                rule("default", CallMatcher.ANY, quality("nl")), "nl");
        java.util.function.Predicate<String> agentPhone = channel -> channel.startsWith("PJSIP/agent-");
        CallAttributes fromAgent = new CallAttributes("from-internal", "0201234567", "0201234567", "201", "", "nl",
                "PJSIP/agent-0000002a", "3.3", "3.3", List.of());
        assertEquals(new PolicyDecision.CalledPartyNotTold(Policy.AGENT_DEVICE, "from-internal"),
                policy.decide(fromAgent, agentPhone));
        assertEquals("in", policy.decide(fromAgent).ruleName(), "without the agents' devices nothing is known");
        // the called party's side of an outbound call on an agent's phone is not refused: the notice reaches them
        CallAttributes calledAgent = new CallAttributes("agents-out", "202", "202", "201", "", "nl",
                "PJSIP/agent-0000002b", "3.4", "3.3", List.of(), Direction.OUTBOUND);
        assertTrue(policy.decide(calledAgent, agentPhone) instanceof PolicyDecision.DoNotRecord);
        assertEquals("default", policy.decide(call("from-external", "1", "0612", "nl"), agentPhone).ruleName());
    }
}
