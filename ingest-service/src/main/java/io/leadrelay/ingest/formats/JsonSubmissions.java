package io.leadrelay.ingest.formats;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.leadrelay.ingest.lead.FieldError;
import io.leadrelay.ingest.lead.FieldValue;
import io.leadrelay.ingest.lead.LeadFields;
import io.leadrelay.ingest.lead.LeadSubmission;
import io.leadrelay.ingest.problem.ProblemException;

/**
 * Reads leads from JSON: strict (duplicate keys, trailing content, deep nesting and overlong tokens are errors),
 * then flattened to the contract's dotted field names. Fields the contract does not name are ignored (they stay
 * in the raw submission).
 */
public final class JsonSubmissions {

    /** Objects the contract nests; everything else named in {@link LeadFields} is a single value. */
    private static final Set<String> OBJECTS = Set.of("expectedVolume", "consent", "source", "source.utm");
    private static final Set<String> SCALARS = Set.of(LeadFields.FIRST_NAME, LeadFields.LAST_NAME, LeadFields.EMAIL,
            LeadFields.PHONE, LeadFields.COMPANY, LeadFields.WEBSITE, LeadFields.COUNTRY, LeadFields.POSTAL_CODE,
            LeadFields.CITY, LeadFields.PURCHASE_DECISION, LeadFields.VOLUME_AMOUNT, LeadFields.VOLUME_CURRENCY,
            LeadFields.CURRENT_PRODUCT, LeadFields.PRODUCT_INTEREST, LeadFields.MESSAGE, LeadFields.CONSENT_MARKETING,
            LeadFields.CONSENT_TIMESTAMP, LeadFields.CONSENT_TEXT, LeadFields.SOURCE_CHANNEL, LeadFields.SOURCE_CAMPAIGN,
            LeadFields.SOURCE_REFERENCE, LeadFields.TEST);

    public static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32).maxNumberLength(100).maxNameLength(1_000)
                            .maxStringLength(2_000_000).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Reads one element of a streamed array; trailing tokens are the rest of the array, not an error. */
    private static final ObjectReader ELEMENT = STRICT.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonSubmissions() {
    }

    /** Parses a whole JSON document; malformed JSON is a 400. */
    public static JsonNode parse(byte[] body) {
        try {
            JsonNode node = STRICT.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ProblemException.malformed("the body is empty");
            }
            return node;
        } catch (IOException e) {
            throw ProblemException.malformed("malformed JSON" + location(e));
        }
    }

    /** The lead in a JSON object; anything else is refused as a whole. */
    public static LeadSubmission fromObject(JsonNode node) {
        LeadSubmission submission = new LeadSubmission();
        if (!node.isObject()) {
            submission.structuralError(new FieldError("", "WRONG_TYPE", "a lead must be a JSON object"));
            return submission;
        }
        flatten("", node, submission);
        return submission;
    }

    private static void flatten(String prefix, JsonNode object, LeadSubmission submission) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            boolean utm = path.startsWith(LeadFields.UTM_PREFIX);
            if (OBJECTS.contains(path)) {
                if (value.isObject()) {
                    flatten(path, value, submission);
                } else if (!value.isNull()) {
                    submission.structuralError(new FieldError(path, "WRONG_TYPE", "must be an object"));
                }
            } else if (SCALARS.contains(path) || utm) {
                scalar(path, value, submission);
            }
        }
    }

    private static void scalar(String path, JsonNode value, LeadSubmission submission) {
        if (value.isNull()) {
            return;
        }
        if (value.isTextual()) {
            submission.put(path, FieldValue.text(value.textValue()));
        } else if (value.isNumber()) {
            submission.put(path, new FieldValue(value.numberValue() instanceof java.math.BigDecimal d
                    ? d.toString() : value.asText(), FieldValue.Kind.NUMBER));
        } else if (value.isBoolean()) {
            submission.put(path, new FieldValue(Boolean.toString(value.booleanValue()), FieldValue.Kind.BOOLEAN));
        } else {
            submission.structuralError(new FieldError(path, "WRONG_TYPE", "must be a single value"));
        }
    }

    /**
     * Streams a JSON array of leads element by element, without holding the whole document: each element goes to
     * {@code row} with its compact JSON text. Malformed JSON anywhere is a 400.
     */
    public static void streamArray(InputStream in, Consumer<JsonNode> row) {
        try (JsonParser parser = STRICT.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ProblemException.malformed("a batch in JSON must be an array of leads");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw ProblemException.malformed("the JSON array is not closed");
                }
                row.accept(ELEMENT.readTree(parser));
            }
            if (parser.nextToken() != null) {
                throw ProblemException.malformed("content after the JSON array");
            }
        } catch (IOException e) {
            throw ProblemException.malformed("malformed JSON" + location(e));
        }
    }

    private static String location(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
            return " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr();
        }
        return "";
    }
}
