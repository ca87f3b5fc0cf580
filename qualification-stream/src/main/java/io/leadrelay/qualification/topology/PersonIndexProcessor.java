package io.leadrelay.qualification.topology;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.leadrelay.qualification.lead.QualificationRules;
import io.leadrelay.qualification.person.PersonRecord;

/**
 * Keyed by person (normalised email, else phone). Decides whether a received lead is new or a duplicate of the
 * person's open lead, and resolves an erasure request to the person's lead ids.
 *
 * <p>Ordering: every record of one person arrives on one partition of the person-commands repartition topic and is
 * handled here in order by one task. A NEW for the survivor and any later ABSORB into it are both keyed by the
 * survivor's lead id, so they land on the same lead-commands partition in the order written here: the lead processor
 * always sees a lead before its duplicates. Exactly-once: the store update (changelog), the commands written and the
 * input offset commit in one transaction (exactly_once_v2), so a restart never re-decides a lead half-way.
 */
final class PersonIndexProcessor implements Processor<String, LeadCommand, String, Emit> {

    private static final Logger LOG = Logger.getLogger(PersonIndexProcessor.class);

    private final QualificationRules rules;
    private final DeadLetters deadLetters;
    private ProcessorContext<String, Emit> context;
    private KeyValueStore<String, PersonRecord> persons;

    PersonIndexProcessor(QualificationRules rules, DeadLetters deadLetters) {
        this.rules = rules;
        this.deadLetters = deadLetters;
    }

    @Override
    public void init(ProcessorContext<String, Emit> context) {
        this.context = context;
        this.persons = context.getStateStore(Names.PERSON_INDEX_STORE);
    }

    @Override
    public void process(Record<String, LeadCommand> record) {
        try {
            switch (record.value().kind()) {
                case RAW_LEAD -> received(record, record.value());
                case ERASURE -> erase(record, record.value());
                default -> throw new IllegalArgumentException("not a person command: " + record.value().kind());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "person command %s failed; sent to its dead-letter topic", record.value().kind());
            context.forward(record.withValue((Emit) deadLetters.of(record.value()))
                    .withHeaders(deadLetters.headers(record.headers(), e, context.recordMetadata().orElseThrow())));
        }
    }

    private void received(Record<String, LeadCommand> record, LeadCommand command) {
        // The lead itself is not decoded here: its bytes go on to the lead qualifier as they came.
        LeadCommand.Arrival arrival = command.arrival() != null ? command.arrival()
                : LeadCommand.Arrival.of(command.raw(), rules);
        String leadId = arrival.leadId();
        PersonRecord person = persons.get(record.key());
        if (person != null && person.knows(leadId)) {
            return; // idempotent resubmission of a lead this person already has: nothing changes, nothing is emitted
        }
        if (person != null && person.openLeadId() != null && !arrival.disqualified() && withinWindow(person, arrival)) {
            String survivor = person.openLeadId();
            emit(record, survivor, command.as(LeadCommand.Kind.ABSORB, leadId));
            emit(record, leadId, command.as(LeadCommand.Kind.MERGED_INTO, survivor));
            persons.put(record.key(), person.with(leadId));
            return;
        }
        emit(record, leadId, command.as(LeadCommand.Kind.NEW, null));
        PersonRecord updated = (person == null ? new PersonRecord(null, null, List.of()) : person).with(leadId);
        // A lead disqualified on arrival (test lead, throw-away mailbox, no consent) never becomes the open lead.
        persons.put(record.key(), arrival.disqualified() ? updated : updated.opening(leadId, arrival.receivedAt()));
    }

    private boolean withinWindow(PersonRecord person, LeadCommand.Arrival arrival) {
        Duration apart = Duration.between(person.openedAt(), arrival.receivedAt()).abs();
        return apart.compareTo(rules.mergeWindow()) <= 0;
    }

    private void erase(Record<String, LeadCommand> record, LeadCommand command) {
        PersonRecord person = persons.get(record.key());
        if (person == null) {
            LOG.infof("erasure request %s: no leads known for this person", command.erasure().getRequestId());
            return;
        }
        for (String leadId : person.leadIds()) {
            emit(record, leadId, command.as(LeadCommand.Kind.ERASE, null));
        }
        persons.delete(record.key()); // the key is the email: PII, gone with the person
    }

    private void emit(Record<String, LeadCommand> record, String key, LeadCommand command) {
        context.forward(record.withKey(key).withValue((Emit) new Emit.Command(command)));
    }
}
