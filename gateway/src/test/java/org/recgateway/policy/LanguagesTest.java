package org.recgateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void asteriskRegionFormsMatchTheBaseLanguage() {
        assertEquals(Optional.of("nl"), Languages.match("nl_NL", List.of("en", "nl")));
        assertEquals(Optional.of("nl"), Languages.match("nl_BE", List.of("en", "nl")));
        assertEquals(Optional.of("en"), Languages.match("en_GB", List.of("nl", "en")));
        assertEquals(Optional.of("en"), Languages.match("en-US", List.of("nl", "en")));
        assertEquals(Optional.of("nl"), Languages.match("NL", List.of("en", "nl")));
    }

    @Test
    void theExactRegionWinsOverTheBaseLanguage() {
        assertEquals(Optional.of("nl_BE"), Languages.match("nl_BE", List.of("nl", "nl_BE")));
        assertEquals(Optional.of("nl"), Languages.match("nl_NL", List.of("nl", "nl_BE")));
        assertEquals(Optional.of("nl_NL"), Languages.match("nl", List.of("en", "nl_NL")), "a bare language finds its region form");
    }

    @Test
    void anotherLanguageOrNoneMatchesNothing() {
        assertEquals(Optional.empty(), Languages.match("de_DE", List.of("nl", "en")));
        assertEquals(Optional.empty(), Languages.match("", List.of("nl", "en")));
        assertEquals(Optional.empty(), Languages.match(null, List.of("nl", "en")));
        assertEquals(Optional.empty(), Languages.match("n", List.of("nl", "en")));
    }

    @Test
    void aPlanPlaysTheFittingLanguageElseItsFirstAndOneListedLanguageFixesIt() {
        RecordingPlan both = new RecordingPlan(Purpose.QUALITY, LegalBasis.CONTRACT, "notice", Duration.ofDays(1), List.of("en", "nl"));
        assertEquals("nl", both.languageFor("nl_NL"));
        assertEquals("en", both.languageFor("en_GB"));
        assertEquals("en", both.languageFor("fr_FR"), "the first is the fallback");
        RecordingPlan dutchOnly = new RecordingPlan(Purpose.QUALITY, LegalBasis.CONTRACT, "notice", Duration.ofDays(1), List.of("nl"));
        assertEquals("nl", dutchOnly.languageFor("en"), "a rule that lists one language fixes it");
    }
}
