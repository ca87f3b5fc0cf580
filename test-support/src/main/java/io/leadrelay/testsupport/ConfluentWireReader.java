package io.leadrelay.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a record the way a plain Confluent client does, with no Apicurio code: magic byte 0, a 4-byte
 * big-endian schema id, Avro binary; the writer schema comes from {@code /apis/ccompat/v7/schemas/ids/{id}}.
 * Proves that systems outside Leadrelay can read its topics.
 */
public final class ConfluentWireReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String confluentUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    /** @param confluentUrl e.g. {@code http://127.0.0.1:8088/apis/ccompat/v7} */
    public ConfluentWireReader(String confluentUrl) {
        this.confluentUrl = confluentUrl;
    }

    public static int schemaId(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        if (buffer.get() != 0) {
            throw new IllegalArgumentException("not Confluent wire format: magic byte is not 0");
        }
        return buffer.getInt();
    }

    public GenericRecord read(byte[] payload) {
        int id = schemaId(payload);
        Schema schema = schemas.computeIfAbsent(id, this::fetchSchema);
        try {
            return new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(payload, 5, payload.length - 5, null));
        } catch (IOException e) {
            throw new IllegalArgumentException("payload does not match schema " + id, e);
        }
    }

    private Schema fetchSchema(int id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(confluentUrl + "/schemas/ids/" + id)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("schema " + id + " not found: HTTP " + response.statusCode());
            }
            JsonNode schema = JSON.readTree(response.body()).get("schema");
            if (schema == null) {
                throw new IllegalStateException("no schema in " + response.body());
            }
            return new Schema.Parser().parse(schema.asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
