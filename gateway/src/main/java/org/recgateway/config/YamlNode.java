package org.recgateway.config;

import java.util.List;

/** A YAML value with the line it starts on; Jackson's own tree drops locations, which error messages need. */
sealed interface YamlNode {

    int line();

    /** The kinds of scalar the YAML parser recognised. */
    enum Kind { TEXT, INTEGER, DECIMAL, TRUE, FALSE, NULL }

    /** A scalar as written in the file ({@code +31} stays {@code +31}, {@code 0031} stays {@code 0031}). */
    record Scalar(String text, Kind kind, int line) implements YamlNode {
    }

    /** A mapping in file order. */
    record Mapping(List<Entry> entries, int line) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }
    }

    /** A sequence in file order. */
    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** One key of a mapping, with the key's own line. */
    record Entry(String key, int line, YamlNode value) {
    }

    /** How a value reads in an error message, e.g. {@code a list} or {@code the number 12}. */
    static String describe(YamlNode node) {
        return switch (node) {
            case Mapping m -> "a mapping";
            case Sequence s -> "a list";
            case Scalar s -> switch (s.kind()) {
                case TEXT -> "text " + Problems.show(s.text());
                case INTEGER, DECIMAL -> "the number " + Problems.show(s.text()).replace("'", "");
                case TRUE, FALSE -> "the boolean " + s.text();
                case NULL -> "nothing";
            };
        };
    }
}
