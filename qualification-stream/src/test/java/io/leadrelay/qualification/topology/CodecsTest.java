package io.leadrelay.qualification.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import io.leadrelay.qualification.support.Leads;
import io.leadrelay.schemas.RawLead;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.PlainAvroSerdes;

/** The repartition topics' command format: the lead's bytes pass through unchanged, and old records stay readable. */
class CodecsTest {

    private static final PlainAvroSerdes SERDES = new PlainAvroSerdes();
    private final Serde<LeadCommand> commands = Codecs.leadCommand(SERDES);
    private final Serde<RawLead> rawSerde = Topics.LEADS_RAW.valueSerde(SERDES);

    @Test
    void aReceivedLeadCrossesAHopAsTheBytesItWasReadFrom() {
        RawLead raw = Leads.raw("c-1", Leads.profile("anna@example-gmbh.de").build());
        byte[] read = rawSerde.serializer().serialize(Topics.LEADS_RAW.name(), raw);
        LeadCommand.Arrival arrival = new LeadCommand.Arrival("c-1", raw.getReceivedAt(), false);
        LeadCommand command = new LeadCommand(LeadCommand.Kind.ABSORB, "c-0", arrival,
                Payload.decoded(Topics.LEADS_RAW, read, raw));

        LeadCommand hopped = commands.deserializer().deserialize("lead-commands",
                commands.serializer().serialize("lead-commands", command));

        assertThat(hopped.kind()).isEqualTo(LeadCommand.Kind.ABSORB);
        assertThat(hopped.relatedLeadId()).isEqualTo("c-0");
        assertThat(hopped.arrival()).isEqualTo(arrival);
        assertThat(hopped.payload().bytes()).isEqualTo(read);
        assertThat(hopped.raw()).isEqualTo(raw);
    }

    @Test
    void aCommandTheFirstReleaseLeftInARepartitionTopicIsStillRead() {
        RawLead raw = Leads.raw("c-2", Leads.profile("anna@example-gmbh.de").build());

        LeadCommand old = commands.deserializer().deserialize("person-commands",
                Codecs.firstFormatCommand(LeadCommand.Kind.RAW_LEAD, null, raw));

        assertThat(old.kind()).isEqualTo(LeadCommand.Kind.RAW_LEAD);
        assertThat(old.arrival()).as("decided from the lead itself").isNull();
        assertThat(old.raw()).isEqualTo(raw);
        assertThat(rawSerde.deserializer().deserialize(Topics.LEADS_RAW.name(), old.payload().bytes()))
                .as("in its topic's format from here on").isEqualTo(raw);
    }
}
