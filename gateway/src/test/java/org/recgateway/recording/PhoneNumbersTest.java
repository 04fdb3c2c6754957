package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {
    private final PhoneNumbers nl = PhoneNumbers.withDefaultRegion("NL");

    @Test
    void everyNotationOfADutchMobileNumberHasOneKey() {
        for (String notation : List.of("0612345678", "+31612345678", "0031612345678", "06-12345678", "06 1234 5678",
                "+31 6 12345678", "(06) 1234-5678", "+31 (0)6 1234 5678", " 06.12.34.56.78 ")) {
            assertEquals("+31612345678", nl.key(notation), notation);
        }
    }

    @Test
    void aLandlineAndAForeignNumberAreKeyedByTheirOwnCountry() {
        assertEquals("+31201234567", nl.key("020 123 4567"));
        assertEquals("+31201234567", nl.key("0031 20 1234567"));
        assertEquals("+3225123456", nl.key("+32 2 512 34 56"));
        assertEquals("+3225123456", nl.key("0032 2 512 34 56"), "00 is the Dutch international prefix");
        assertEquals("+4930123456", nl.key("0049 30 123456"));
    }

    @Test
    void whatIsNoPhoneNumberIsKeyedByItsCompactText() {
        assertEquals("1001", nl.key("1001"), "an internal extension is no Dutch number");
        assertEquals("agent1", nl.key("agent1"), "letters are never read as a vanity number");
        assertEquals("anonymous", nl.key("anonymous"));
        assertEquals("", nl.key(""));
        assertNull(nl.key(null));
    }

    @Test
    void withoutADefaultRegionOnlyInternationalNotationIsPlaced() {
        PhoneNumbers none = PhoneNumbers.international();
        assertEquals("+31612345678", none.key("+31 6 1234 5678"));
        assertEquals("0612345678", none.key("06-1234 5678"), "no region to read it in: compact text");
    }

    @Test
    void anUnknownRegionIsRefusedWithWhatToWrite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PhoneNumbers.withDefaultRegion("XX"));
        assertTrue(e.getMessage().contains("ISO 3166-1"), e.getMessage());
        assertEquals("NL", PhoneNumbers.withDefaultRegion("nl").defaultRegion());
    }

    @Test
    void theNotationRequestsMayUseIncludesSpacesAndBrackets() {
        assertTrue(PhoneNumbers.NOTATION.matcher("06 1234 5678").matches());
        assertTrue(PhoneNumbers.NOTATION.matcher("+31 (0)6 1234-5678").matches());
        assertTrue(!PhoneNumbers.NOTATION.matcher("06;rm -rf").matches());
        assertTrue(!PhoneNumbers.NOTATION.matcher("${CALLERID(num)}").matches());
    }
}
