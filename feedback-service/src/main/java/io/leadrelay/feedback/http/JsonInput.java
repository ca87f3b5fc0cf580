package io.leadrelay.feedback.http;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parses request bodies strictly: one JSON object, no duplicate keys, bounded nesting and string sizes.
 * Bodies are taken as text and parsed here so every shape of bad input ends in a problem answer.
 */
public final class JsonInput {

    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(20_000)
                    .maxNumberLength(40).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonInput() {
    }

    /** The body as an object; an empty body counts as {@code {}} when {@code emptyAllowed}. */
    public static ObjectNode object(String body, boolean emptyAllowed) {
        if (body == null || body.isBlank()) {
            if (emptyAllowed) {
                return STRICT.createObjectNode();
            }
            throw ProblemException.malformed("A JSON object body is required.");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw ProblemException.malformed("The body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.malformed("The body must be a JSON object.");
        }
        return (ObjectNode) node;
    }
}
