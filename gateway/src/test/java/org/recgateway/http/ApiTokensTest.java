package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiTokensTest {

    @Test
    void newTokensAreUrlSafeAndDistinct() {
        String one = ApiTokens.newToken();
        String two = ApiTokens.newToken();

        assertEquals(43, one.length());
        assertTrue(one.matches("[A-Za-z0-9_-]{43}"), one);
        assertNotEquals(one, two);
    }

    @Test
    void sha256HexMatchesTheStandardTestVector() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiTokens.sha256Hex("abc"));
    }

    @Test
    void aTokenWithAMalformedHashIsRefusedNamingTheToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ApiToken("ops", "administrator", "not-a-hash"));

        assertTrue(e.getMessage().contains("'ops'"), e.getMessage());
    }

    @Test
    void authenticatorFindsTheHolderOfAToken() {
        String token = ApiTokens.newToken();
        ApiToken dpo = new ApiToken("dpo", "privacy-officer", ApiTokens.sha256Hex(token).toUpperCase());
        Authenticator authenticator = new Authenticator(List.of(
                new ApiToken("admin", "administrator", ApiTokens.sha256Hex(ApiTokens.newToken())), dpo));

        assertEquals(new Authenticator.Result.Authenticated(dpo), authenticator.authenticate("bearer " + token));
    }
}
