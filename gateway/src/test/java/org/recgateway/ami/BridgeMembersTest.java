package org.recgateway.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.recgateway.recording.NewParties;

class BridgeMembersTest {
    private final BridgeMembers members = new BridgeMembers();

    @Test
    void confBridgesAnnouncerAndRecorderAndTheGatewaysNoticeAreNotParties() {
        members.entered("b1", "1.1", "1.1", "PJSIP/sipp-00000001");
        members.entered("b1", "2.1", "2.1", "PJSIP/agent-00000002");

        assertEquals(List.of(), members.entered("b1", "3.1", "2.1", "CBAnn/rg-2801-00000003;1"));
        assertEquals(List.of(), members.entered("b1", "4.1", "2.1", "CBRec/rg-2801-00000004"));
        assertEquals(List.of(), members.entered("b1", "5.1", "1.1", "Local/play@recording-gateway-notice-00000005;1"));

        List<NewParties.Member> now = members.entered("b1", "6.1", "6.1", "PJSIP/agent2-00000006");
        assertEquals(List.of("PJSIP/sipp-00000001", "PJSIP/agent-00000002", "PJSIP/agent2-00000006"),
                now.stream().map(NewParties.Member::channel).toList(), "each phone of a conference, each by its own call");
        assertEquals(List.of("1.1", "2.1", "6.1"), now.stream().map(NewParties.Member::linkedId).toList());
    }

    @Test
    void everyCallInTheBridgeReachedAPersonOnceEachAndAbsentLinkedIdsAreNoCalls() {
        List<NewParties.Member> now = List.of(new NewParties.Member("1.1", "1.1", "PJSIP/sipp-00000001"),
                new NewParties.Member("2.1", "", "PJSIP/agent-00000002"), new NewParties.Member("6.1", "6.1", "PJSIP/agent2-00000006"));

        assertEquals(List.of("6.1", "1.1"), List.copyOf(BridgeMembers.reachedAPerson("6.1", now)),
                "the entering call first, then the members' calls, each once; a blank linkedid is no call");
        assertEquals(List.of("1.1"), List.copyOf(BridgeMembers.reachedAPerson(null, now.subList(0, 1))));
        assertEquals(List.of("2.0", "1.0"), List.copyOf(BridgeMembers.calls("2.0", null, " ", "1.0", "2.0")));
    }

    @Test
    void holdingAndParkingBridgesHoldACallerAlone() {
        assertEquals(true, BridgeMembers.holding("holding"));
        assertEquals(true, BridgeMembers.holding("parking"));
        assertEquals(false, BridgeMembers.holding("basic"));
        assertEquals(false, BridgeMembers.holding(null));
    }
}
