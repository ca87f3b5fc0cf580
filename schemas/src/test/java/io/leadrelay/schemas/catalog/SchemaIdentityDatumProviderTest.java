package io.leadrelay.schemas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

import io.leadrelay.schemas.CompanyProfile;

class SchemaIdentityDatumProviderTest {

    private static CompanyProfile company(String domain) {
        return CompanyProfile.newBuilder().setDomain(domain).setName("Example GmbH")
                .setUpdatedAt(Instant.parse("2026-11-27T09:00:00Z")).build();
    }

    @Test
    void recordsOfOneClassShareOneWriterThatWritesThemCorrectly() throws IOException {
        SchemaIdentityDatumProvider<CompanyProfile> provider = new SchemaIdentityDatumProvider<>();
        CompanyProfile first = company("example.de");
        CompanyProfile second = company("example.at");

        DatumWriter<CompanyProfile> writer = provider.createDatumWriter(first, first.getSchema());
        assertThat(provider.createDatumWriter(second, second.getSchema())).isSameAs(writer);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(second, encoder);
        encoder.flush();
        CompanyProfile read = new SpecificDatumReader<>(CompanyProfile.class)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertThat(read).isEqualTo(second);
    }

    @Test
    void anEqualSchemaParsedAgainFindsTheSameWriter() {
        SchemaIdentityDatumProvider<CompanyProfile> provider = new SchemaIdentityDatumProvider<>();
        CompanyProfile record = company("example.de");
        Schema reparsed = new Schema.Parser().parse(CompanyProfile.getClassSchema().toString());

        assertThat(provider.createDatumWriter(record, reparsed))
                .isSameAs(provider.createDatumWriter(record, CompanyProfile.getClassSchema()));
    }
}
