package io.leadrelay.feedback.partner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import io.leadrelay.schemas.catalog.SpecificReader;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.CompanyRef;
import io.leadrelay.schemas.Contact;
import io.leadrelay.schemas.QualificationFacts;
import io.leadrelay.schemas.Quality;

/**
 * What a partner learns about a lead it holds: contact, company, qualification facts and quality, each optional.
 * Inbox entries keep it {@link #pack() packed} as one Avro binary array (the classes' own schemas, a presence flag
 * before each) and decode it when a partner reads the lead: a held entry retains ~0.55 KB instead of ~1.4 KB
 * (FeedReplayBenchmark). Safe to use from any thread: Avro's readers and writers keep no state between calls, buffers
 * are per call.
 */
record LeadDetails(Contact contact, CompanyRef company, QualificationFacts facts, Quality quality) {

    static final LeadDetails NONE = new LeadDetails(null, null, null, null);

    private static final Part<Contact> CONTACT = new Part<>(Contact.class);
    private static final Part<CompanyRef> COMPANY = new Part<>(CompanyRef.class);
    private static final Part<QualificationFacts> FACTS = new Part<>(QualificationFacts.class);
    private static final Part<Quality> QUALITY = new Part<>(Quality.class);

    static LeadDetails of(AssignmentEvent event) {
        return new LeadDetails(event.getContact(), event.getCompany(), event.getFacts(), event.getQuality());
    }

    /** These details with the parts the other details carry replacing the own ones. */
    LeadDetails replacedBy(LeadDetails other) {
        return new LeadDetails(other.contact != null ? other.contact : contact,
                other.company != null ? other.company : company, other.facts != null ? other.facts : facts,
                other.quality != null ? other.quality : quality);
    }

    boolean isEmpty() {
        return contact == null && company == null && facts == null && quality == null;
    }

    /** The packed form; {@code null} when there are no details. */
    byte[] pack() {
        if (isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            CONTACT.write(contact, encoder);
            COMPANY.write(company, encoder);
            FACTS.write(facts, encoder);
            QUALITY.write(quality, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static LeadDetails unpack(byte[] packed) {
        if (packed == null) {
            return NONE;
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(packed, null);
        try {
            return new LeadDetails(CONTACT.read(decoder), COMPANY.read(decoder), FACTS.read(decoder),
                    QUALITY.read(decoder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One optional record: a boolean, then the record in its class's own schema. */
    private static final class Part<V extends SpecificRecord> {

        private final SpecificDatumWriter<V> writer;
        private final SpecificDatumReader<V> reader;

        Part(Class<V> type) {
            SpecificData data = SpecificReader.dataOf(type);
            this.writer = new SpecificDatumWriter<>(data.getSchema(type), data);
            this.reader = new SpecificDatumReader<>(data.getSchema(type), data.getSchema(type), data);
        }

        void write(V value, BinaryEncoder encoder) throws IOException {
            encoder.writeBoolean(value != null);
            if (value != null) {
                writer.write(value, encoder);
            }
        }

        V read(BinaryDecoder decoder) throws IOException {
            return decoder.readBoolean() ? reader.read(null, decoder) : null;
        }
    }
}
