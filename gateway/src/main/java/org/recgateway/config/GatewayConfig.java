package org.recgateway.config;

import java.util.Map;
import org.recgateway.policy.Policy;

/** The whole gateway configuration, validated: every value here is usable as it is. */
public record GatewayConfig(AgiConfig agi, AmiConfig ami, HttpConfig http, StoreConfig store,
                            RecordingsConfig recordings, PromptsConfig prompts, Policy policy,
                            DiagnosticsConfig diagnostics, KeysConfig keys, PrivacyConfig privacy,
                            TransfersConfig transfers) {

    /** Reads every section of {@code root}, recording problems; the result is only valid when none were found. */
    static GatewayConfig read(Section root, Map<String, String> environment) {
        Section agiSection = root.section("agi");
        boolean clientsListed = agiSection.node("allowedClients").isPresent();
        AgiConfig agi = AgiConfig.read(agiSection);
        AmiConfig ami = AmiConfig.read(root.section("ami"), environment);
        agi = placed(agi, ami, clientsListed, agiSection);
        Section httpSection = root.section("http");
        HttpConfig http = HttpConfig.read(httpSection);
        StoreConfig store = StoreConfig.read(root.section("store"), environment);
        RecordingsConfig recordings = RecordingsConfig.read(root.section("recordings"));
        PromptsConfig prompts = PromptsConfig.read(root.section("prompts"));
        KeysConfig keys = KeysConfig.read(root.section("keys"), store, recordings);
        Policy policy = PolicyReader.read(root.section("policy"));
        DiagnosticsConfig diagnostics = DiagnosticsConfig.read(root.section("diagnostics"));
        PrivacyConfig privacy = PrivacyConfig.read(root.section("privacy"), store.path());
        TransfersConfig transfers = TransfersConfig.read(root.section("transfers"));
        root.finish();
        if (http.enabled() && http.port() == agi.port()) {
            httpSection.problem("port", http.port() + " is also agi.port; give the HTTP API a port of its own");
        }
        return new GatewayConfig(agi, ami, http, store, recordings, prompts, policy, diagnostics, keys, privacy, transfers);
    }

    /**
     * With several Asterisk servers (issue #17 item 3) every FastAGI client must belong to one of them, or the gateway
     * could not tell which server its calls are on (a recording then filed by the wrong server's AMI, a feature code
     * checked on the wrong one): {@code agi.allowedClients} defaults to every server's {@code fastAgiFrom}, and an
     * address listed there but under no server is refused.
     */
    private static AgiConfig placed(AgiConfig agi, AmiConfig ami, boolean clientsListed, Section agiSection) {
        if (ami.servers().size() < 2) {
            return agi;
        }
        java.util.List<String> from = ami.servers().stream().flatMap(s -> s.fastAgiFrom().stream()).toList();
        if (!clientsListed) {
            return new AgiConfig(agi.bind(), agi.port(), from, agi.maxSessions(), agi.maxConnectionsPerClient(),
                    agi.headerTimeout(), agi.replyTimeout());
        }
        java.util.Set<java.net.InetAddress> placed = new java.util.HashSet<>();
        from.forEach(a -> Checks.ipLiteral(a).ifPresent(placed::add));
        for (String client : agi.allowedClients()) {
            if (Checks.ipLiteral(client).filter(placed::contains).isEmpty()) {
                agiSection.problem("allowedClients", client + " may connect but is in no ami.servers[].fastAgiFrom, so the"
                        + " gateway could not tell which Asterisk server its calls are on; list it under its server's"
                        + " fastAgiFrom, or leave agi.allowedClients out (it then allows every fastAgiFrom address)");
            }
        }
        return agi;
    }
}
