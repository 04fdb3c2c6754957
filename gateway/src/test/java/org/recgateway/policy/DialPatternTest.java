package org.recgateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DialPatternTest {

    @Test
    void xMatchesAnyDigitZSkipsZeroNSkipsZeroAndOne() {
        DialPattern pattern = DialPattern.parse("_XZN");
        assertTrue(pattern.matches("012"));
        assertTrue(pattern.matches("999"));
        assertFalse(pattern.matches("002"), "Z is 1-9");
        assertFalse(pattern.matches("011"), "N is 2-9");
        assertFalse(pattern.matches("01"), "a pattern matches the whole number");
        assertFalse(pattern.matches("0123"), "a pattern matches the whole number");
    }

    @Test
    void lowercaseWildcardsWorkAsInAsterisk() {
        assertTrue(DialPattern.parse("_0xx").matches("012"));
    }

    @Test
    void dotMatchesOneOrMoreAndBangMatchesZeroOrMore() {
        assertTrue(DialPattern.parse("_020.").matches("0201234"));
        assertFalse(DialPattern.parse("_020.").matches("020"));
        assertTrue(DialPattern.parse("_020!").matches("020"));
        assertTrue(DialPattern.parse("_020!").matches("020+x*#"));
    }

    @Test
    void setsTakeRangesSinglesAndCommas() {
        DialPattern pattern = DialPattern.parse("_[1-5,7]X");
        assertTrue(pattern.matches("10"));
        assertTrue(pattern.matches("59"));
        assertTrue(pattern.matches("70"));
        assertFalse(pattern.matches("60"));
        assertFalse(pattern.matches(",0"), "the comma separates, it is not a member");
        assertTrue(DialPattern.parse("_[13]").matches("3"));
    }

    @Test
    void dashesOutsideSetsAreIgnoredAsInAsterisk() {
        assertTrue(DialPattern.parse("_020-12XX").matches("0201234"));
    }

    @Test
    void patternWithoutUnderscoreIsAnExactLiteral() {
        DialPattern literal = DialPattern.parse("XN.");
        assertTrue(literal.isLiteral());
        assertTrue(literal.matches("XN."));
        assertFalse(literal.matches("123"));
    }

    @Test
    void regexMetacharactersInTheLiteralStayLiteral() {
        DialPattern literal = DialPattern.parse("+31(0)20.*\\E|x");
        assertTrue(literal.matches("+31(0)20.*\\E|x"));
        assertFalse(literal.matches("31(0)20abc\\E|x"));
        assertTrue(DialPattern.parse("_+31XX").matches("+3120"));
        assertFalse(DialPattern.parse("_+31XX").matches("3120"), "+ is a literal plus, not 'one or more'");
        assertTrue(DialPattern.parse("_(X)|\\[*#]").matches("(1)|\\*"));
    }

    @Test
    void regexMetacharactersInTheInputStayLiteral() {
        DialPattern pattern = DialPattern.parse("_020XXX");
        assertFalse(pattern.matches("020.*"));
        assertFalse(pattern.matches("020\\d\\d\\d"));
        assertFalse(DialPattern.parse("sales").matches("sal.s"));
        assertFalse(pattern.matches(null));
    }

    @Test
    void unclosedSetIsReportedWithItsPosition() {
        var e = assertThrows(IllegalArgumentException.class, () -> DialPattern.parse("_0[12"));
        assertEquals("'[' at position 3 is never closed with ']'", e.getMessage());
    }

    @Test
    void emptySetIsReported() {
        var e = assertThrows(IllegalArgumentException.class, () -> DialPattern.parse("_0[]X"));
        assertEquals("the set at position 3 is empty", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DialPattern.parse("_0[,]X"));
    }

    @Test
    void badRangesAreReported() {
        var descending = assertThrows(IllegalArgumentException.class, () -> DialPattern.parse("_[5-1]"));
        assertEquals("the set at position 2 has a descending range 5-1; write it as 1-5", descending.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DialPattern.parse("_[1-]"));
        assertThrows(IllegalArgumentException.class, () -> DialPattern.parse("_[-5]"));
        assertThrows(IllegalArgumentException.class, () -> DialPattern.parse("_1]"));
    }

    @Test
    void wildcardBeforeTheEndAndEmptyPatternsAreReported() {
        var e = assertThrows(IllegalArgumentException.class, () -> DialPattern.parse("_0.1"));
        assertEquals("'.' at position 3 matches the rest of the number, so it must be the last character",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DialPattern.parse(""));
        assertThrows(IllegalArgumentException.class, () -> DialPattern.parse("_"));
        assertThrows(IllegalArgumentException.class, () -> DialPattern.parse("_0 1"));
    }
}
