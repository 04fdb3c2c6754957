package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** store.url chooses PostgreSQL; its user and password come only from the environment. */
class StoreConfigTest {
    private static final String PG = "ami: {enabled: false}\nstore:\n  url: jdbc:postgresql://127.0.0.1:5432/recgateway\n";

    @Test
    void withoutAUrlTheEmbeddedStoreIsUsed() throws Exception {
        assertFalse(ConfigLoader.parse("ami: {enabled: false}\n", "gateway.yaml", Map.of()).store().postgresql().isPresent());
    }

    @Test
    void aUrlWithCredentialsInTheEnvironmentChoosesPostgresql() throws Exception {
        StoreConfig store = ConfigLoader.parse(PG + "  poolSize: 6\n", "gateway.yaml",
                Map.of("RECGATEWAY_DB_USER", "gw", "RECGATEWAY_DB_PASSWORD", "s3cret")).store();
        StoreConfig.Postgres pg = store.postgresql().orElseThrow();
        assertEquals(new StoreConfig.Postgres("jdbc:postgresql://127.0.0.1:5432/recgateway", "gw", "s3cret", 6), pg);
        assertFalse(pg.toString().contains("s3cret"), pg.toString());
    }

    @Test
    void missingCredentialsAndAUrlWithOptionsAreRefusedWithWhatToDo() {
        List<ConfigProblem> problems = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "ami: {enabled: false}\nstore:\n  url: \"jdbc:postgresql://h/db?password=x\"\n  userEnv: MY_USER\n",
                "gateway.yaml", Map.of())).problems();
        java.util.Map<String, String> byKey = new java.util.TreeMap<>();
        problems.forEach(p -> byKey.put(p.key(), p.message()));
        assertEquals(List.of("store.passwordEnv", "store.url", "store.userEnv"), List.copyOf(byKey.keySet()));
        assertTrue(byKey.get("store.userEnv").contains("'MY_USER' is not set"), byKey.toString());
        assertTrue(byKey.get("store.passwordEnv").contains("RECGATEWAY_DB_PASSWORD"), byKey.toString());
        assertTrue(byKey.get("store.url").contains("credentials come from the environment"), byKey.toString());
    }
}
