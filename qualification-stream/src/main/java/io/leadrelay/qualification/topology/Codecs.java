package io.leadrelay.qualification.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import io.leadrelay.qualification.lead.LeadRecord;
import io.leadrelay.qualification.person.PersonRecord;
import io.leadrelay.schemas.CompanyFacts;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.Quality;
import io.leadrelay.schemas.catalog.TopicSerdes;

/**
 * Binary formats of this application's own stores and repartition topics: Avro binary for the shared schema types,
 * plain Avro primitives around them, and a leading format version so a later layout can read old records. They
 * never leave this application, so they are not registered in the registry. Encoders write straight into the
 * record's byte stream: Avro's buffered encoder allocated a 2 KB buffer per record (5–12 % of the stream thread's
 * samples in docs/benchmarks/qualification-stream.md's profile).
 */
final class Codecs {

    private static final int FORMAT = 1;
    /**
     * Commands: 2 carries the payload as the bytes read from its catalog topic (and a received lead's arrival facts
     * beside it); 1, written by the first release, carried the payload re-encoded as plain Avro and is still read,
     * so records left in the repartition topics by that release are processed after an upgrade.
     */
    private static final int COMMAND_FORMAT = 2;
    private static final int FIRST_COMMAND_FORMAT = 1;
    /** Datum readers and writers are reusable across threads; building them per record is the expensive part. */
    private static final Map<Schema, SpecificDatumReader<?>> READERS = new ConcurrentHashMap<>();
    private static final Map<Schema, SpecificDatumWriter<SpecificRecord>> WRITERS = new ConcurrentHashMap<>();

    private Codecs() {
    }

    static Serde<LeadRecord> leadRecord() {
        return serde(Codecs::writeLead, Codecs::readLead);
    }

    static Serde<PersonRecord> personRecord() {
        return serde(Codecs::writePerson, Codecs::readPerson);
    }

    /** @param serdes the catalog topics' serdes: payloads are decoded with them, when the stage needs the value */
    static Serde<LeadCommand> leadCommand(TopicSerdes serdes) {
        Map<LeadCommand.Kind, Serde<? extends SpecificRecord>> payloadSerdes = new EnumMap<>(LeadCommand.Kind.class);
        for (LeadCommand.Kind kind : LeadCommand.Kind.values()) {
            payloadSerdes.put(kind, kind.source.valueSerde(serdes));
        }
        return Serdes.serdeFrom((topic, command) -> command == null ? null : writeCommand(command),
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, null);
                    try {
                        int format = in.readInt();
                        return switch (format) {
                            case COMMAND_FORMAT -> readCommand(in, payloadSerdes);
                            case FIRST_COMMAND_FORMAT -> readFirstFormatCommand(in, payloadSerdes);
                            default -> throw new SerializationException("unknown command format " + format);
                        };
                    } catch (IOException | RuntimeException e) {
                        throw new SerializationException("unreadable command on " + topic, e);
                    }
                });
    }

    private interface Writer<T> {
        void write(T value, BinaryEncoder out) throws IOException;
    }

    private interface Reader<T> {
        T read(BinaryDecoder in) throws IOException;
    }

    private static <T> Serde<T> serde(Writer<T> writer, Reader<T> reader) {
        return Serdes.serdeFrom((topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
            try {
                out.writeInt(FORMAT);
                writer.write(value, out);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }, (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, null);
            try {
                int format = in.readInt();
                if (format != FORMAT) {
                    throw new SerializationException("unknown format " + format);
                }
                return reader.read(in);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("unreadable record on " + topic, e);
            }
        });
    }

    private static void writeLead(LeadRecord lead, BinaryEncoder out) throws IOException {
        out.writeString(lead.leadId());
        out.writeString(lead.state().name());
        out.writeInt(lead.version());
        out.writeLong(lead.receivedAt().toEpochMilli());
        writeNullable(out, lead.profile(), LeadProfile.getClassSchema());
        writeNullable(out, lead.company(), CompanyFacts.getClassSchema());
        writeNullable(out, lead.quality(), Quality.getClassSchema());
        writeStrings(out, lead.criteriaMet());
        writeStrings(out, lead.criteriaMissing());
        writeNullableString(out, lead.dueDate() == null ? null : lead.dueDate().toString());
        writeStrings(out, lead.mergedLeadIds());
        writeNullableString(out, lead.relatedLeadId());
        writeNullableString(out, lead.sourceChannel());
        writeNullableString(out, lead.campaign());
    }

    private static LeadRecord readLead(BinaryDecoder in) throws IOException {
        String leadId = in.readString();
        LeadState state = LeadState.valueOf(in.readString());
        int version = in.readInt();
        Instant receivedAt = Instant.ofEpochMilli(in.readLong());
        LeadProfile profile = readNullable(in, LeadProfile.getClassSchema());
        CompanyFacts company = readNullable(in, CompanyFacts.getClassSchema());
        Quality quality = readNullable(in, Quality.getClassSchema());
        List<String> met = readStrings(in);
        List<String> missing = readStrings(in);
        String due = readNullableString(in);
        List<String> merged = readStrings(in);
        String related = readNullableString(in);
        String channel = readNullableString(in);
        String campaign = readNullableString(in);
        return new LeadRecord(leadId, state, version, receivedAt, profile, company, quality, met, missing,
                due == null ? null : LocalDate.parse(due), merged, related, channel, campaign);
    }

    private static void writePerson(PersonRecord person, BinaryEncoder out) throws IOException {
        writeNullableString(out, person.openLeadId());
        out.writeLong(person.openedAt() == null ? Long.MIN_VALUE : person.openedAt().toEpochMilli());
        writeStrings(out, person.leadIds());
    }

    private static PersonRecord readPerson(BinaryDecoder in) throws IOException {
        String open = readNullableString(in);
        long openedAt = in.readLong();
        return new PersonRecord(open, openedAt == Long.MIN_VALUE ? null : Instant.ofEpochMilli(openedAt),
                readStrings(in));
    }

    /** Written in one go: the payload bytes are copied, never re-encoded. */
    private static byte[] writeCommand(LeadCommand command) {
        byte[] payload = command.payload().bytes();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 96);
        BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
        try {
            out.writeInt(COMMAND_FORMAT);
            out.writeString(command.kind().name());
            writeNullableString(out, command.relatedLeadId());
            LeadCommand.Arrival arrival = command.arrival();
            out.writeBoolean(arrival != null);
            if (arrival != null) {
                out.writeString(arrival.leadId());
                out.writeLong(arrival.receivedAt().toEpochMilli());
                out.writeBoolean(arrival.disqualified());
            }
            out.writeBytes(payload);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static LeadCommand readCommand(BinaryDecoder in,
            Map<LeadCommand.Kind, Serde<? extends SpecificRecord>> payloadSerdes) throws IOException {
        LeadCommand.Kind kind = LeadCommand.Kind.valueOf(in.readString());
        String related = readNullableString(in);
        LeadCommand.Arrival arrival = in.readBoolean()
                ? new LeadCommand.Arrival(in.readString(), Instant.ofEpochMilli(in.readLong()), in.readBoolean())
                : null;
        ByteBuffer payload = in.readBytes(null);
        byte[] payloadBytes = new byte[payload.remaining()];
        payload.get(payloadBytes);
        return new LeadCommand(kind, related, arrival,
                Payload.encoded(kind.source, payloadBytes, payloadSerdes.get(kind).deserializer()));
    }

    /** The first release's layout: the payload as plain Avro of its type; re-encoded once in its topic's format. */
    @SuppressWarnings("unchecked")
    private static LeadCommand readFirstFormatCommand(BinaryDecoder in,
            Map<LeadCommand.Kind, Serde<? extends SpecificRecord>> payloadSerdes) throws IOException {
        LeadCommand.Kind kind = LeadCommand.Kind.valueOf(in.readString());
        String related = readNullableString(in);
        SpecificRecord value = Codecs.<SpecificRecord>reader(schemaOf(kind.source.valueType())).read(null, in);
        byte[] bytes = ((Serde<SpecificRecord>) payloadSerdes.get(kind)).serializer()
                .serialize(kind.source.name(), value);
        return new LeadCommand(kind, related, null, Payload.decoded(kind.source, bytes, value));
    }

    /** Plain Avro of a payload type, as the first command format wrote it (kept for tests of that format). */
    static byte[] firstFormatCommand(LeadCommand.Kind kind, String related, SpecificRecord value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
        try {
            out.writeInt(FIRST_COMMAND_FORMAT);
            out.writeString(kind.name());
            writeNullableString(out, related);
            writer(schemaOf(kind.source.valueType())).write(value, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <T> SpecificDatumReader<T> reader(Schema schema) {
        return (SpecificDatumReader<T>) READERS.computeIfAbsent(schema, SpecificDatumReader::new);
    }

    private static SpecificDatumWriter<SpecificRecord> writer(Schema schema) {
        return WRITERS.computeIfAbsent(schema, SpecificDatumWriter::new);
    }

    private static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }

    private static void writeNullable(BinaryEncoder out, SpecificRecord value, Schema schema) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writer(schema).write(value, out);
        }
    }

    private static <T extends SpecificRecord> T readNullable(BinaryDecoder in, Schema schema) throws IOException {
        return in.readBoolean() ? Codecs.<T>reader(schema).read(null, in) : null;
    }

    private static void writeNullableString(BinaryEncoder out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeString(value);
        }
    }

    private static String readNullableString(BinaryDecoder in) throws IOException {
        return in.readBoolean() ? in.readString() : null;
    }

    private static void writeStrings(BinaryEncoder out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            out.writeString(value);
        }
    }

    private static List<String> readStrings(BinaryDecoder in) throws IOException {
        int size = in.readInt();
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(in.readString());
        }
        return values;
    }
}
