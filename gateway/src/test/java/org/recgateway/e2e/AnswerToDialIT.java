package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippCall;

/**
 * The caller's time: how long after Asterisk answers does the shipped dialplan reach {@code Dial}, for each
 * kind of rule? Measured on real calls (SIPp, Asterisk 22, the gateway) from Asterisk's own AMI events: the
 * caller's channel going {@code Up} and its {@code DialBegin}. The callers stay silent (the worst case where
 * the rule waits for a key). Writes the table to {@code target/e2e/answer-to-dial/answer-to-dial.md}; the
 * README's figures come from it.
 */
class AnswerToDialIT {
    /** Called number, kind of rule, its record block. */
    private static final List<String[]> RULES = List.of(
            new String[] {"6951", "not recorded (doNotRecord)", "doNotRecord: internal line"},
            new String[] {"6952", "contract, every call (notice only)",
                    "record: {purpose: contract-evidence, notice: notice-contract-evidence-will, retention: 365d}"},
            new String[] {"6953", "legitimate interest, objection offer + 3 s window",
                    "record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {}}"},
            new String[] {"6954", "legitimate interest, objection during the call (*9)",
                    "record: {purpose: quality, notice: notice-quality-will-in-call-objection, retention: 30d,"
                            + " objection: {during: call}}"},
            new String[] {"6955", "consent (training), caller silent until the 5 s timeout",
                    "record: {purpose: training, notice: notice-training, retention: 90d, consent: {}}"});

    private static GatewayRig rig;
    private static final Map<String, Long> upAt = new ConcurrentHashMap<>();
    private static final Map<String, Long> dialAt = new ConcurrentHashMap<>();
    private static final Map<String, String> numberOf = new ConcurrentHashMap<>();
    private static final Map<String, Long> millis = new LinkedHashMap<>();

    private static String policy() {
        StringBuilder rules = new StringBuilder("policy:\n  defaultLanguage: nl\n  rules:\n");
        for (String[] r : RULES) {
            rules.append("    - name: rule-").append(r[0]).append("\n      when: {called: [\"").append(r[0])
                    .append("\"]}\n      ").append(r[2]).append('\n');
        }
        return rules + "  default:\n    doNotRecord: not one of the measured numbers\n";
    }

    @BeforeAll
    static void measure() throws Exception {
        rig = GatewayRig.start("answer-to-dial", policy());
        ManagerConnection ami = new ManagerConnectionFactory("127.0.0.1", AsteriskRig.AMI_PORT, "rig", "rig-secret")
                .createManagerConnection();
        ami.addEventListener(e -> {
            long now = System.nanoTime();
            if (e instanceof NewStateEvent s && "Up".equals(s.getChannelStateDesc()) && s.getChannel().startsWith("PJSIP/sipp-")) {
                upAt.putIfAbsent(s.getUniqueId(), now);
                numberOf.putIfAbsent(s.getUniqueId(), s.getExten() == null ? "" : s.getExten());
            } else if (e instanceof DialBeginEvent d && d.getUniqueId() != null) {
                dialAt.putIfAbsent(d.getUniqueId(), now);
            }
        });
        ami.login();
        try {
            List<SippCall> calls = new ArrayList<>();
            int n = 0;
            for (String[] r : RULES) {
                // One after another, so no call's timing includes another's work.
                SippCall call = SippCall.start("dial-" + r[0], "caller.xml", r[0], "06500000" + (10 + n++), "Timed", 20_000, rig.sippLogs());
                AsteriskRig.eventually(java.time.Duration.ofSeconds(30), () -> numberOf.values().contains(r[0])
                        && dialAt.keySet().stream().anyMatch(u -> r[0].equals(numberOf.get(u))));
                calls.add(call);
            }
            for (SippCall call : calls) {
                call.await();  // the agent's phone is not there: Dial fails and Asterisk hangs up; only the timing counts
            }
        } finally {
            ami.logoff();
        }
        StringBuilder table = new StringBuilder("| Rule | Answer to Dial |\n|---|---|\n");
        for (String[] r : RULES) {
            String uniqueId = numberOf.entrySet().stream().filter(e -> e.getValue().equals(r[0])).map(Map.Entry::getKey)
                    .findFirst().orElse("");
            Long up = upAt.get(uniqueId);
            Long dial = dialAt.get(uniqueId);
            long ms = up == null || dial == null ? -1 : (dial - up) / 1_000_000;
            millis.put(r[0], ms);
            table.append("| ").append(r[1]).append(" | ").append(String.format("%.1f s", ms / 1000.0)).append(" |\n");
        }
        Files.writeString(rig.out().resolve("answer-to-dial.md"), table);
        System.out.println("Answer to Dial (" + rig.asterisk().version() + "):\n" + table);
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void everyKindOfRuleReachesDialAndTheInCallObjectionCostsOnlyTheNotice() {
        for (String[] r : RULES) {
            assertTrue(millis.get(r[0]) >= 0, "no Dial measured for " + r[1] + ": " + millis);
        }
        assertTrue(millis.get("6951") < 1_000, "a call not recorded goes straight to Dial: " + millis);
        long inCallNotice = rig.millis("notice-quality-will-in-call-objection", "nl");
        long offerWay = rig.millis("notice-quality-will", "nl") + rig.millis("question-objection", "nl") + 3_000;
        assertTrue(millis.get("6954") < inCallNotice + 1_500, "in-call objection: notice only, " + millis);
        assertTrue(millis.get("6953") >= offerWay, "the offer and its window are waited for: " + millis);
        assertTrue(millis.get("6954") < millis.get("6953"), millis.toString());
        assertEquals(RULES.size(), millis.size());
    }
}
