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
        AgiConfig agi = AgiConfig.read(root.section("agi"));
        AmiConfig ami = AmiConfig.read(root.section("ami"), environment);
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
}
