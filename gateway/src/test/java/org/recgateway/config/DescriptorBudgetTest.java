package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The descriptor budget follows the configuration, names the fix when the limit is short, and the
 * systemd unit's LimitNOFILE covers the shipped defaults and the sizing deploy/README.md gives for
 * 1,000 calls/s with real session shapes.
 */
class DescriptorBudgetTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyAllowedClientMayHoldItsConnectionsPlusHttpPlusTheReserve() {
        DescriptorBudget b = new DescriptorBudget(2 * 12_000, 1_000);
        assertEquals(2 * 12_000 + 1_000 + DescriptorBudget.RESERVE, b.total());
        assertTrue(b.shortOf(b.total()).isEmpty());
        assertTrue(b.shortOf(-1).isEmpty(), "an unknown limit is not reported");
        String problem = b.shortOf(20_000).orElseThrow();
        assertTrue(problem.contains("20000") && problem.contains(Long.toString(b.total())) && problem.contains("LimitNOFILE"), problem);
    }

    @Test
    void theSystemdUnitCoversTheDefaultsAndTheSizingForAThousandCallsASecond() throws Exception {
        Matcher m = Pattern.compile("(?m)^LimitNOFILE=(\\d+)$").matcher(Files.readString(REPO.resolve("deploy/systemd/recording-gateway.service")));
        assertTrue(m.find(), "the unit sets LimitNOFILE");
        long limit = Long.parseLong(m.group(1));
        long defaults = new DescriptorBudget(2L * Math.max(Defaults.AGI_MAX_SESSIONS, Defaults.AGI_MAX_CONNECTIONS_PER_CLIENT),
                Defaults.HTTP_MAX_CONNECTIONS).total();
        // deploy/README.md: 1,000 calls/s x ~17 s per session -> maxSessions 20000, maxConnectionsPerClient 24000, two addresses.
        long sized = new DescriptorBudget(2L * 24_000, Defaults.HTTP_MAX_CONNECTIONS).total();
        assertTrue(limit >= defaults, "LimitNOFILE " + limit + " below the defaults' " + defaults);
        assertTrue(limit >= sized, "LimitNOFILE " + limit + " below the 1,000 calls/s sizing's " + sized);
    }
}
