package io.leadrelay.schemas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.Money;

class SpecificReaderTest {

    /** CompanyProfile as an earlier producer may have registered it: no employees, industry or country yet. */
    private static final Schema EARLIER = new Schema.Parser().parse("""
            {"type": "record", "name": "CompanyProfile", "namespace": "io.leadrelay.schemas", "fields": [
              {"name": "domain", "type": "string"},
              {"name": "name", "type": "string"},
              {"name": "updatedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}
            ]}""");

    private final SpecificReader.CachedReaders<CompanyProfile> readers =
            new SpecificReader.CachedReaders<>(CompanyProfile.class);

    @Test
    void aRecordOfAnEarlierWriterSchemaIsReadIntoTheCurrentClassWithDefaults() throws IOException {
        GenericRecord earlier = new GenericData.Record(EARLIER);
        earlier.put("domain", "example.de");
        earlier.put("name", "Example GmbH");
        earlier.put("updatedAt", Instant.parse("2026-11-27T09:00:00Z").toEpochMilli());

        CompanyProfile read = read(readers.createDatumReader(EARLIER), bytes(earlier, EARLIER));

        assertThat(read.getDomain()).isEqualTo("example.de");
        assertThat(read.getUpdatedAt()).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
        assertThat(read.getIndustry()).isNull();
        assertThat(read.getEmployees()).isNull();
    }

    @Test
    void logicalTypesOfTheCurrentSchemaComeBackAsTheirJavaTypes() throws IOException {
        CompanyProfile written = CompanyProfile.newBuilder().setDomain("example.de").setName("Example GmbH")
                .setAnnualRevenue(Money.newBuilder().setAmount(new java.math.BigDecimal("52000000.00"))
                        .setCurrency("EUR").build())
                .setUpdatedAt(Instant.parse("2026-11-27T09:00:00Z")).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(CompanyProfile.class).write(written, encoder);
        encoder.flush();

        assertThat(read(readers.createDatumReader(CompanyProfile.getClassSchema()), out.toByteArray()))
                .isEqualTo(written);
    }

    @Test
    void oneReaderPerWriterSchemaEvenWhenTheSchemaIsParsedAgainForEachRecord() {
        DatumReader<CompanyProfile> first = readers.createDatumReader(EARLIER);
        Schema reparsed = new Schema.Parser().parse(EARLIER.toString());

        assertThat(readers.createDatumReader(reparsed)).isSameAs(first);
        assertThat(readers.createDatumReader(CompanyProfile.getClassSchema())).isNotSameAs(first);
    }

    private static byte[] bytes(GenericRecord record, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static CompanyProfile read(DatumReader<CompanyProfile> reader, byte[] bytes) throws IOException {
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
