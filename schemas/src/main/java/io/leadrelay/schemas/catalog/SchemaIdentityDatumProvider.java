package io.leadrelay.schemas.catalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;

/**
 * Apicurio's datum provider, but with writers looked up by the record's schema object instead of by its
 * parsing fingerprint: Apicurio computes that fingerprint for every record it writes, which profiling showed as
 * the largest single cost of producing a lead. Generated records share one schema object per class, so the
 * lookup is a cached hash and an identity check.
 */
public class SchemaIdentityDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    /** More distinct schemas than this means schemas built per record; then Apicurio's own cache is the bound. */
    static final int MAX_SCHEMAS = 1_000;

    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        DatumWriter<T> writer = writers.get(schema);
        if (writer != null) {
            return writer;
        }
        writer = super.createDatumWriter(data, schema);
        if (writers.size() < MAX_SCHEMAS) {
            writers.putIfAbsent(schema, writer);
        }
        return writer;
    }
}
