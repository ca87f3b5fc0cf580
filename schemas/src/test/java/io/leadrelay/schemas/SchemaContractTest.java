package io.leadrelay.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Every topic's schema stays BACKWARD compatible with its last released form (kept under {@code released/}):
 * a consumer on the new schema must read everything already on the topics. The registry enforces the same rule
 * at run time; this catches it at build time.
 */
class SchemaContractTest {

    private static final Path RELEASED = Path.of("released");

    @Test
    void everyTopicSchemaReadsDataWrittenWithItsReleasedForm() throws IOException {
        Map<String, Schema> released = releasedSchemas();
        assertThat(released).as("released forms under " + RELEASED.toAbsolutePath()).isNotEmpty();
        for (Topic<?> topic : Topics.all()) {
            Schema current = SpecificData.get().getSchema(topic.valueType());
            Schema old = released.get(current.getFullName());
            assertThat(old).as("released form of " + current.getFullName() + " (topic " + topic.name() + ")").isNotNull();
            assertThat(backward(current, old))
                    .as(topic.name() + ": " + SchemaCompatibility.checkReaderWriterCompatibility(current, old).getResult())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void theCheckRefusesABreakingChangeAndAcceptsAnAdditiveOne() {
        Schema released = RawLead.getClassSchema();

        Schema requiredFieldAdded = withExtraField(released,
                "{\"name\": \"tenant\", \"doc\": \"Owning tenant.\", \"type\": \"string\"}");
        assertThat(backward(requiredFieldAdded, released)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);

        List<Schema.Field> fields = released.getFields().stream()
                .map(f -> f.name().equals("rawSubmission")
                        ? new Schema.Field(f.name(), Schema.create(Schema.Type.INT), f.doc())
                        : new Schema.Field(f, f.schema()))
                .toList();
        Schema typeChanged = Schema.createRecord(released.getName(), released.getDoc(), released.getNamespace(), false,
                fields);
        assertThat(backward(typeChanged, released)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);

        Schema optionalFieldAdded = withExtraField(released,
                "{\"name\": \"tenant\", \"doc\": \"Owning tenant.\", \"type\": [\"null\", \"string\"], \"default\": null}");
        assertThat(backward(optionalFieldAdded, released)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void everyRecordAndFieldHasANamespaceAndADoc() {
        List<String> undocumented = new ArrayList<>();
        for (Topic<?> topic : Topics.all()) {
            collectUndocumented(SpecificData.get().getSchema(topic.valueType()), undocumented, new HashMap<>());
        }
        assertThat(undocumented).isEmpty();
    }

    private static SchemaCompatibilityType backward(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }

    private static Schema withExtraField(Schema schema, String fieldJson) {
        String json = schema.toString();
        int fieldsEnd = json.lastIndexOf("]");
        return new Schema.Parser().parse(json.substring(0, fieldsEnd) + "," + fieldJson + json.substring(fieldsEnd));
    }

    private static Map<String, Schema> releasedSchemas() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        parser.parse(RELEASED.resolve("common/LeadTypes.avsc").toFile());
        try (Stream<Path> files = Files.list(RELEASED)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                parser.parse(file.toFile());
            }
        }
        return parser.getTypes();
    }

    private static void collectUndocumented(Schema schema, List<String> undocumented, Map<String, Boolean> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.put(schema.getFullName(), true) != null) {
                    return;
                }
                if (schema.getNamespace() == null || schema.getDoc() == null || schema.getDoc().isBlank()) {
                    undocumented.add(schema.getFullName());
                }
                for (Schema.Field field : schema.getFields()) {
                    if (field.doc() == null || field.doc().isBlank()) {
                        undocumented.add(schema.getFullName() + "." + field.name());
                    }
                    collectUndocumented(field.schema(), undocumented, seen);
                }
            }
            case ENUM -> {
                if (schema.getNamespace() == null || schema.getDoc() == null) {
                    undocumented.add(schema.getFullName());
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, undocumented, seen));
            case ARRAY -> collectUndocumented(schema.getElementType(), undocumented, seen);
            case MAP -> collectUndocumented(schema.getValueType(), undocumented, seen);
            default -> {
            }
        }
    }
}
