package org.recgateway.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Policy;
import org.recgateway.policy.PolicyRule;
import org.recgateway.policy.Purpose;
import org.recgateway.policy.PurposeTerms;
import org.recgateway.policy.RecordingPlan;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;

/**
 * The record of processing activities (GDPR art. 30) generated from the policy this gateway runs:
 * one activity per rule that records and per purpose, with its legal basis and why, its retention,
 * who may reach the recordings (roles, by purpose, as the HTTP API enforces them) and the notice text
 * callers hear (prompt, version, text and its hash); plus the agents' diagnostic recordings. Nothing
 * in it is written by hand, so it cannot drift from what runs.
 */
public final class ProcessingRecord {
    private ProcessingRecord() {
    }

    /** The record as a JSON-ready map; {@code prompts} supplies the notice texts. */
    public static Map<String, Object> of(Policy policy, PromptLibrary prompts, Instant generatedAt) {
        List<Map<String, Object>> activities = new ArrayList<>();
        for (PolicyRule rule : policy.allRules()) {
            if (rule.action() instanceof RecordingPlan plan) {
                for (PurposeTerms t : plan.purposes()) {
                    Map<String, Object> a = activity(t.purpose(), t.basis(), t.retention().toString(), prompts,
                            plan.noticePromptId(), plan.languages());
                    a.put("rule", rule.name());
                    a.put("calls", rule.when().toString());
                    a.put("samplePercent", plan.samplePercent());
                    a.put("objection", plan.objection().map(o -> "key " + o.key() + " within " + o.window()).orElse(null));
                    a.put("consent", t.consent().map(c -> "opt-in by key " + c.key() + " to question " + c.questionPromptId()
                            + "; silence is no").orElse(null));
                    activities.add(a);
                }
            }
        }
        Map<String, Object> diagnostics = activity(Purpose.PROVIDER_DIAGNOSTICS, LegalBasis.LEGITIMATE_INTEREST,
                Purpose.PROVIDER_DIAGNOSTICS.maxRetention().toString(), prompts, "notice-diagnostic", List.of("nl", "en"));
        diagnostics.put("rule", "the agent's diagnostic switch (*8 or POST /api/diagnostics/toggle), per call, for an open fault ticket");
        diagnostics.put("calls", "calls in which an agent switches it on; both parties hear the notice first");
        activities.add(diagnostics);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("title", "Record of processing activities (GDPR art. 30): call recording");
        record.put("generatedAt", generatedAt.toString());
        record.put("source", "generated from the policy and prompt library this gateway runs");
        record.put("categoriesOfData", "call audio (voices of callers and staff), calling and called numbers, call times,"
                + " notice evidence, consent and objection given");
        record.put("dataSubjects", "callers, called parties, staff on the call");
        record.put("erasureAndAccess", "by phone number in any notation: GET /api/privacy/access, /export,"
                + " POST /api/privacy/erasure, or `gateway privacy`");
        record.put("activities", activities);
        return record;
    }

    private static Map<String, Object> activity(Purpose purpose, LegalBasis basis, String retention, PromptLibrary prompts,
                                                String noticeId, List<String> languages) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("purpose", purpose.id());
        a.put("legalBasis", basis.id() + " (" + basis.article() + ")");
        a.put("reasoning", reasoning(purpose, basis));
        a.put("retention", retention);
        a.put("maximumRetention", purpose.maxRetention().toString());
        a.put("access", access(purpose));
        List<Map<String, Object>> notices = new ArrayList<>();
        for (String language : languages) {
            prompts.find(noticeId, language).ifPresent(p -> notices.add(notice(p)));
        }
        a.put("notice", notices);
        return a;
    }

    private static Map<String, Object> notice(NoticePrompt p) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("prompt", p.id());
        n.put("language", p.language());
        n.put("version", p.version());
        n.put("text", p.text());
        n.put("textSha256", p.textSha256());
        return n;
    }

    /** Who reaches recordings of this purpose (as the HTTP API's access rules decide). */
    static List<String> access(Purpose purpose) {
        List<String> roles = new ArrayList<>(List.of("administrator", "privacy-officer"));
        if (purpose == Purpose.PROVIDER_DIAGNOSTICS) {
            roles.add("agent (only the recordings the agent switched on)");
            roles.add("provider (only its own open tickets, inside a granted listening window, around the marked fault)");
        } else {
            roles.add("supervisor");
        }
        return roles;
    }

    /** Why the basis holds for the purpose (PRODUCT.md, "The rules it encodes"). */
    static String reasoning(Purpose purpose, LegalBasis basis) {
        String why = switch (purpose) {
            case QUALITY -> "the organisation's interest in the quality of its service; callers are told first and may"
                    + " object, which stops the recording and deletes it (art. 21)";
            case COMPLAINT_HANDLING -> "handling complaints about a contract with the caller needs what was said";
            case CONTRACT_EVIDENCE -> "the recording is the evidence of the agreement made in the call";
            case TRAINING -> "playing calls to new staff is not necessary (an actor can play the call), so only with the"
                    + " caller's explicit opt-in; silence is no";
            case PROVIDER_DIAGNOSTICS -> "the interest in a working line; short samples, a few per fault ticket, heard"
                    + " briefly by the provider around the marked fault (Sr 139c lid 2: for the proper working of a"
                    + " public telecom network)";
            case LEGAL_OBLIGATION -> "a law requires the recording to be made and kept";
        };
        return basis == purpose.defaultBasis() ? why : why + "; this policy names " + basis.id()
                + " instead of the usual " + purpose.defaultBasis().id();
    }
}
