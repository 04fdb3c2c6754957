package org.recgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Issue #17 item 3: with several Asterisk servers, readiness names the one whose AMI is down. */
class MonitoringAmiTest {

    @Test
    void readinessNamesOnlyTheServersWhoseAmiIsNotLoggedIn() {
        String problem = Monitoring.ami(true, List.of("pbx2 at 10.0.0.2:5038")).orElseThrow();
        assertTrue(problem.contains("pbx2 at 10.0.0.2:5038"), problem);
        assertTrue(!problem.contains("pbx1"), problem);
        assertEquals(Optional.empty(), Monitoring.ami(true, List.of()));
        assertEquals(Optional.empty(), Monitoring.ami(false, List.of("AMI is disabled (ami.enabled: false)")));
    }
}
