package org.recgateway.privacy;

import java.util.List;
import java.util.Map;

/** The readable summary of a subject access export: one block per recording, plain text. */
final class AccessText {
    private AccessText() {
    }

    static String render(List<Map<String, Object>> entries) {
        StringBuilder out = new StringBuilder();
        out.append("Recordings of your calls held by this organisation: ").append(entries.size()).append("\n\n");
        for (Map<String, Object> e : entries) {
            out.append("Recording ").append(e.get("id")).append(" (").append(e.get("kind")).append(")\n");
            line(out, "When", e.get("started") + " to " + e.get("ended"));
            line(out, "Numbers", e.get("callerNumber") + " -> " + e.get("calledNumber"));
            line(out, "Status", e.get("status"));
            if (e.get("purposes") instanceof List<?> purposes) {
                for (Object p : purposes) {
                    if (p instanceof Map<?, ?> m) {
                        line(out, "Purpose", m.get("purpose") + " on " + m.get("legalBasis") + ", kept " + m.get("retention")
                                + (m.get("until") == null ? "" : " until " + m.get("until"))
                                + (m.get("ended") == null ? "" : "; ended " + m.get("ended")));
                    }
                }
            }
            line(out, "Notice heard", e.get("notice"));
            line(out, "Your choices", e.get("choices"));
            line(out, "Deleted", e.get("deleted"));
            line(out, "Audio in this export", e.get("audioInExport"));
            line(out, "Note", e.get("audioNote"));
            if (e.get("accessedBy") instanceof List<?> accesses) {
                line(out, "Accessed", accesses.isEmpty() ? "by nobody" : String.join("; ", accesses.stream().map(String::valueOf).toList()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, Object value) {
        if (value != null) {
            out.append("  ").append(label).append(": ").append(value).append('\n');
        }
    }
}
