package org.recgateway.http;

import java.util.List;
import java.util.Map;

/** A JSON-ready document as a plain printable HTML page: nested tables, every value escaped, no script. */
final class PrintablePage {
    private PrintablePage() {
    }

    static String of(Map<String, Object> document) {
        StringBuilder out = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(String.valueOf(document.getOrDefault("title", "Record"))))
                .append("</title><style>body{font:11pt sans-serif;margin:2em}table{border-collapse:collapse;margin:.3em 0}"
                        + "td,th{border:1px solid #999;padding:.2em .4em;vertical-align:top;text-align:left}"
                        + "@media print{section{page-break-inside:avoid}}</style></head><body>");
        out.append("<h1>").append(escape(String.valueOf(document.getOrDefault("title", "Record")))).append("</h1>");
        value(out, document);
        return out.append("</body></html>").toString();
    }

    private static void value(StringBuilder out, Object v) {
        if (v instanceof Map<?, ?> map) {
            out.append("<table>");
            map.forEach((k, x) -> {
                out.append("<tr><th>").append(escape(String.valueOf(k))).append("</th><td>");
                value(out, x);
                out.append("</td></tr>");
            });
            out.append("</table>");
        } else if (v instanceof List<?> list) {
            list.forEach(x -> {
                out.append("<section>");
                value(out, x);
                out.append("</section>");
            });
        } else {
            out.append(v == null ? "" : escape(String.valueOf(v)));
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
