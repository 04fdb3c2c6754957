package org.recgateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Walks the YAML parser's token stream into a {@link YamlNode} tree that keeps line numbers. */
final class YamlTreeReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Problems problems;

    YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The document's root, an empty mapping for an empty document; null after a syntax error, which is
     * then the only problem recorded (the parser cannot go on after it).
     */
    YamlNode.Mapping read(String yaml) {
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return new YamlNode.Mapping(List.of(), 1);
            }
            YamlNode root = value(parser, first, "");
            if (parser.nextToken() != null) {
                problems.add(parser.currentTokenLocation().getLineNr(), "",
                        "a second YAML document starts here; put the whole configuration in one document");
            }
            if (root instanceof YamlNode.Mapping mapping) {
                return mapping;
            }
            problems.add(root.line(), "", "the file must be a mapping of sections (agi, ami, http, store, "
                    + "recordings, prompts, policy), not " + YamlNode.describe(root));
            return new YamlNode.Mapping(List.of(), root.line());
        } catch (StreamReadException e) {
            syntaxError(e);
            return null;
        } catch (IOException e) {
            problems.add(0, "", "cannot parse the file: " + e.getMessage());
            return null;
        }
    }

    private YamlNode value(JsonParser parser, JsonToken token, String path) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            problems.add(line, path, "YAML aliases (*name) are not supported here; write the value out");
            return new YamlNode.Scalar("", YamlNode.Kind.NULL, line);
        }
        return switch (token) {
            case START_OBJECT -> mapping(parser, line, path);
            case START_ARRAY -> sequence(parser, line, path);
            case VALUE_STRING -> new YamlNode.Scalar(parser.getText(), YamlNode.Kind.TEXT, line);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(parser.getText(), YamlNode.Kind.INTEGER, line);
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(parser.getText(), YamlNode.Kind.DECIMAL, line);
            case VALUE_TRUE -> new YamlNode.Scalar(parser.getText(), YamlNode.Kind.TRUE, line);
            case VALUE_FALSE -> new YamlNode.Scalar(parser.getText(), YamlNode.Kind.FALSE, line);
            case VALUE_NULL -> new YamlNode.Scalar("", YamlNode.Kind.NULL, line);
            default -> {
                problems.add(line, path, "unsupported YAML value (" + token + "); write plain text, a number,"
                        + " a list or a mapping");
                yield new YamlNode.Scalar("", YamlNode.Kind.NULL, line);
            }
        };
    }

    private YamlNode.Mapping mapping(JsonParser parser, int line, String path) throws IOException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = parser.currentTokenLocation().getLineNr();
            String keyPath = Problems.join(path, key);
            YamlNode value = value(parser, parser.nextToken(), keyPath);
            Integer earlier = seen.putIfAbsent(key, keyLine);
            if (earlier != null) {
                problems.add(keyLine, keyPath, "duplicate key; it is already set on line " + earlier
                        + ", remove one of them");
            } else {
                entries.add(new YamlNode.Entry(key, keyLine, value));
            }
        }
        return new YamlNode.Mapping(entries, line);
    }

    private YamlNode.Sequence sequence(JsonParser parser, int line, String path) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(value(parser, token, path + "[" + items.size() + "]"));
        }
        return new YamlNode.Sequence(items, line);
    }

    private void syntaxError(StreamReadException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
            problems.add(marked.getProblemMark().getLine() + 1, "", "YAML syntax error: " + context
                    + marked.getProblem() + " (column " + (marked.getProblemMark().getColumn() + 1)
                    + "); check the indentation (spaces, not tabs) and quoting here and on the line above");
        } else {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(Math.max(line, 0), "", "YAML syntax error: " + e.getOriginalMessage().lines().findFirst()
                    .orElse("unreadable"));
        }
    }
}
