package io.leadrelay.feedback.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.CompanyRef;
import io.leadrelay.schemas.Contact;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.QualificationFacts;
import io.leadrelay.schemas.Quality;
import io.leadrelay.schemas.ReturnReason;
import io.leadrelay.schemas.catalog.Topics;

/** The assignment events routing-stream would write, written by the test instead. */
public final class Assignments {

    private Assignments() {
    }

    public static String newLeadId() {
        return "lead-" + UUID.randomUUID();
    }

    public static String newPartnerId() {
        return "p-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public static AssignmentEvent.Builder event(AssignmentEventType type, String leadId, String partnerId, LeadState state) {
        return event(type, leadId, partnerId, state, Instant.now());
    }

    public static AssignmentEvent.Builder event(AssignmentEventType type, String leadId, String partnerId, LeadState state,
            Instant at) {
        return AssignmentEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setLeadId(leadId)
                .setPartnerId(partnerId).setType(type).setAt(at.truncatedTo(ChronoUnit.MILLIS)).setState(state);
    }

    public static AssignmentEvent offer(AssignmentEventType type, String leadId, String partnerId) {
        return offer(type, leadId, partnerId, Instant.now());
    }

    /** An offer or assignment made at {@code at}, with a two-day deadline and everything a partner needs. */
    public static AssignmentEvent offer(AssignmentEventType type, String leadId, String partnerId, Instant at) {
        return event(type, leadId, partnerId, type == AssignmentEventType.OFFERED ? LeadState.OFFERED : LeadState.ASSIGNED,
                at)
                .setDeadline(at.plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS))
                .setContact(new Contact("Anna", "Schmidt", "anna.schmidt@example-gmbh.de", "+49891234567"))
                .setCompany(new CompanyRef("Example GmbH", "example-gmbh.de", "DE", "80538", "München"))
                .setFacts(new QualificationFacts("2027-06-30", LocalDate.of(2027, 6, 30),
                        new Money(new BigDecimal("120000.00"), "EUR"), "Competitor X", "industrial-printers",
                        "Need 40 units for two plants"))
                .setQuality(new Quality(Grade.A, 87))
                .setAttempt(2)
                .setPreviousReturnReasons(List.of(ReturnReason.NO_CAPACITY))
                .build();
    }

    public static void write(AssignmentEvent event) {
        TestKafka.write(Topics.LEADS_ASSIGNMENTS, event.getLeadId(), event, event.getPartnerId());
    }

    public static void offered(String leadId, String partnerId) {
        write(offer(AssignmentEventType.OFFERED, leadId, partnerId));
    }

    public static void assigned(String leadId, String partnerId) {
        write(offer(AssignmentEventType.ASSIGNED, leadId, partnerId));
    }

    public static void accepted(String leadId, String partnerId) {
        write(event(AssignmentEventType.ACCEPTED, leadId, partnerId, LeadState.ACCEPTED).build());
    }

    public static void withdrawn(String leadId, String partnerId) {
        write(event(AssignmentEventType.WITHDRAWN, leadId, partnerId, LeadState.ASSIGNED).setReason("OFFER_TAKEN").build());
    }
}
