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
}
