package io.leadrelay.qualification.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.leadrelay.qualification.support.Leads;
import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.Channel;
import io.leadrelay.schemas.CompanyRef;
import io.leadrelay.schemas.Consent;
import io.leadrelay.schemas.Contact;
import io.leadrelay.schemas.ErasureRequest;
import io.leadrelay.schemas.FeedbackType;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.NurtureHandoff;
import io.leadrelay.schemas.OwnerType;
import io.leadrelay.schemas.QualificationFacts;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.Topics;

/** Every qualification rule, end to end through the topology (TopologyTestDriver, registry-free serdes). */
class QualificationTopologyTest {

    private static final Actor SALES_USER = new Actor("SALES", "user-17");
    private QualificationDriver q = new QualificationDriver();

    @AfterEach
    void close() {
        q.close();
    }

    // --- MQL criteria, grading, lifecycle fields -------------------------------------------------------------

    @Test
    void completeLeadOfUnknownCompanyBecomesMqlAndWaitsForInsideSales() {
        q.send(Leads.raw("l-1", Leads.profile("anna@example-gmbh.de").build()));

        QualifiedLead mql = q.mql.readValue();
        assertThat(mql.getStage()).isEqualTo(LeadState.MQL);
        assertThat(mql.getQuality().getGrade()).isEqualTo(Grade.C);
        assertThat(mql.getCriteriaMet()).containsExactly("DECISION_TIMING", "EXPECTED_VOLUME", "CURRENT_PRODUCT",
                "VALID_CONTACT", "MARKETING_CONSENT");
        assertThat(mql.getCompany().getFound()).isFalse();
        assertThat(q.sql.isEmpty()).as("grade C waits for inside sales").isTrue();

        LifecycleEvent event = single(q.lifecycleOf("l-1"));
        assertThat(event.getFrom()).isEqualTo(LeadState.RECEIVED);
        assertThat(event.getTo()).isEqualTo(LeadState.MQL);
        assertThat(event.getReason()).isEqualTo("MQL_CRITERIA_MET");
        assertThat(event.getActor().getId()).isEqualTo("rule:mql-criteria");
        assertThat(event.getOwnerType()).isEqualTo(OwnerType.SALES);
        assertThat(event.getSourceChannel()).isEqualTo("web-form");
        assertThat(event.getCampaign()).isEqualTo("autumn-fair");
        assertThat(event.getGrade()).isEqualTo(Grade.C);
        assertThat(event.getValue()).isEqualTo(Leads.money("120000.00"));
        assertThat(event.getExpectedDecision()).isEqualTo(Leads.TODAY.plusMonths(7));
        assertThat(event.getEventId()).isEqualTo("l-1#1");
        assertThat(event.getDetailsJson()).contains("\"ruleVersion\":\"qualification-rules/1\"",
                "\"criteriaMissing\":[]", "\"salesCycleMonths\":6", "\"position\":\"IN_WINDOW\"",
                "\"completeness\":40", "\"found\":false");
    }

    @Test
    void gradeALeadOfAKnownCompanyGoesToSqlByRuleWithRevenueFromTheCompanySource() {
        q.company(Leads.company("example-gmbh.de", "60000000.00", 300));
        q.send(Leads.raw("l-2", Leads.profile("anna@example-gmbh.de").build()));

        assertThat(q.mql.readValue().getQuality().getGrade()).isEqualTo(Grade.A);
        QualifiedLead sql = q.sql.readValue();
        assertThat(sql.getStage()).isEqualTo(LeadState.SQL);
        assertThat(sql.getQualifiedBy().getId()).isEqualTo("rule:sql-promotion");
        assertThat(sql.getCompany().getFound()).isTrue();
        assertThat(sql.getCompany().getAnnualRevenue()).isEqualTo(Leads.money("60000000.00"));
        assertThat(sql.getCompany().getEmployees()).isEqualTo(300);
        assertThat(q.lifecycleOf("l-2")).extracting(LifecycleEvent::getTo)
                .containsExactly(LeadState.MQL, LeadState.SQL);
    }

    @Test
    void companyIsFoundByTheCompanyEmailDomainWhenThereIsNoWebsite() {
        q.company(Leads.company("example-group.com", "60000000.00", 300));
        q.send(Leads.raw("l-3", Leads.profile("anna@example-group.com")
                .setCompany(CompanyRef.newBuilder().setName("Example Group").build()).build()));

        QualifiedLead mql = q.mql.readValue();
        assertThat(mql.getCompany().getFound()).isTrue();
        assertThat(mql.getCompany().getDomain()).isEqualTo("example-group.com");
    }

    @Test
    void freeMailLeadIsLookedUpByItsNormalisedCompanyNameNeverByTheMailDomain() {
        q.company(Leads.company("gmx.de", "90000000.00", 900));
        q.company(Leads.company("muller-sohne", "6000000.00", 60));
        q.send(Leads.raw("l-4", Leads.profile("anna.schmidt@gmx.de")
                .setCompany(CompanyRef.newBuilder().setName("Müller & Söhne GmbH").build()).build()));

        QualifiedLead mql = q.mql.readValue();
        assertThat(mql.getCompany().getDomain()).isEqualTo("muller-sohne");
        assertThat(mql.getCompany().getEmployees()).isEqualTo(60);
    }

    @Test
    void companyMissingFromTheSourceIsRecordedAsNotFound() {
        q.company(Leads.company("other.de", "60000000.00", 300));
        q.send(Leads.raw("l-5", Leads.profile("anna@example-gmbh.de").build()));

        QualifiedLead mql = q.mql.readValue();
        assertThat(mql.getCompany().getFound()).isFalse();
        assertThat(mql.getCompany().getDomain()).isEqualTo("example-gmbh.de");
        assertThat(mql.getCompany().getAnnualRevenue()).isNull();
    }

    @ParameterizedTest(name = "missing {0}")
    @ValueSource(strings = {"DECISION_TIMING", "EXPECTED_VOLUME", "CURRENT_PRODUCT", "VALID_CONTACT",
            "MARKETING_CONSENT"})
    void eachMissingFactSendsTheLeadToNurtureWithTheList(String criterion) {
        q.close();
        q = new QualificationDriver(Map.of("leadrelay.qualification.consent-required", "false"));
        LeadProfile lead = Leads.profile("anna@example-gmbh.de").build();
        LeadProfile missing = switch (criterion) {
            case "DECISION_TIMING" -> facts(lead, f -> f.setPurchaseDecision(null));
            case "EXPECTED_VOLUME" -> facts(lead, f -> f.setExpectedVolume(null));
            case "CURRENT_PRODUCT" -> facts(lead, f -> f.setCurrentProduct(null));
            case "VALID_CONTACT" -> LeadProfile.newBuilder(lead)
                    .setContact(Contact.newBuilder().setFirstName("Anna").setEmail("anna(at)example").build()).build();
            default -> LeadProfile.newBuilder(lead).setConsent(null).build();
        };
        q.send(Leads.raw("l-6", missing));

        NurtureHandoff nurture = q.nurture.readValue();
        assertThat(nurture.getReason()).isEqualTo("MISSING_FACTS");
        assertThat(nurture.getMissingFacts()).containsExactly(criterion);
        assertThat(nurture.getFromState()).isEqualTo(LeadState.RECEIVED);
        assertThat(nurture.getDueDate()).isNull();
        LifecycleEvent event = single(q.lifecycleOf("l-6"));
        assertThat(event.getTo()).isEqualTo(LeadState.NURTURE);
        assertThat(event.getOwnerType()).isEqualTo(OwnerType.MARKETING);
        assertThat(event.getDetailsJson()).contains("\"criteriaMissing\":[\"" + criterion + "\"]");
        assertThat(q.mql.isEmpty()).isTrue();
    }

    // --- decision-timing window ------------------------------------------------------------------------------

    @ParameterizedTest(name = "L = {0} months")
    @CsvSource({"3,quick-kits", "6,industrial-printers", "12,production-lines"})
    void windowEdgesPerProductSalesCycle(int cycle, String product) {
        q.close();
        q = new QualificationDriver(Map.of("leadrelay.qualification.sales-cycle.by-product.quick-kits", "3",
                "leadrelay.qualification.sales-cycle.by-product.production-lines", "12"));
        LocalDate opening = Leads.TODAY.plusMonths(cycle + 2L);
        q.send(Leads.raw("at-edge", facts(Leads.profile("edge@example-gmbh.de").build(),
                f -> f.setProductInterest(product).setPurchaseDecision(opening))));
        q.send(Leads.raw("past-edge", facts(Leads.profile("far@example-gmbh.de").build(),
                f -> f.setProductInterest(product).setPurchaseDecision(opening.plusDays(1)))));

        assertThat(q.mql.readRecordsToList()).extracting(TestRecord::key).containsExactly("at-edge");
        NurtureHandoff far = q.nurture.readValue();
        assertThat(far.getLeadId()).isEqualTo("past-edge");
        assertThat(far.getReason()).isEqualTo("DECISION_TOO_FAR");
        assertThat(far.getDueDate()).isEqualTo(Leads.TODAY.plusDays(1));
    }

    @Test
    void leadWhoseDecisionIsTooFarComesBackAsMqlByItselfWhenItsWindowOpens() {
        LocalDate decision = Leads.TODAY.plusMonths(14);
        q.send(Leads.raw("l-7", facts(Leads.profile("anna@example-gmbh.de").build(),
                f -> f.setPurchaseDecision(decision))));
        NurtureHandoff nurture = q.nurture.readValue();
        LocalDate due = Leads.TODAY.plusMonths(6);
        assertThat(nurture.getDueDate()).isEqualTo(due);
        assertThat(single(q.lifecycleOf("l-7")).getDeadline()).isEqualTo(due.atStartOfDay().toInstant(
                java.time.ZoneOffset.UTC));

        q.advance(Duration.ofDays(1));
        q.advance(Duration.between(q.clock.instant(), due.atStartOfDay().toInstant(java.time.ZoneOffset.UTC))
                .minusMinutes(5));
        assertThat(q.mql.isEmpty()).as("not before the due date").isTrue();

        q.advance(Duration.ofMinutes(10));
        QualifiedLead mql = q.mql.readValue();
        assertThat(mql.getLeadId()).isEqualTo("l-7");
        LifecycleEvent reentry = single(q.lifecycleOf("l-7"));
        assertThat(reentry.getFrom()).isEqualTo(LeadState.NURTURE);
        assertThat(reentry.getTo()).isEqualTo(LeadState.MQL);
        assertThat(reentry.getReason()).isEqualTo("WINDOW_OPENED");
        assertThat(reentry.getActor().getId()).isEqualTo("rule:nurture-reentry");

        q.advance(Duration.ofDays(2));
        assertThat(q.mql.isEmpty()).as("released once").isTrue();
    }

    @Test
    void decisionAlreadyPastGoesToNurtureToBeReconfirmedAndDoesNotComeBackByItself() {
        q.send(Leads.raw("l-8", facts(Leads.profile("anna@example-gmbh.de").build(),
                f -> f.setPurchaseDecision(Leads.TODAY.minusDays(1)))));

        NurtureHandoff nurture = q.nurture.readValue();
        assertThat(nurture.getReason()).isEqualTo("DECISION_PAST");
        assertThat(nurture.getDueDate()).isNull();
        q.advance(Duration.ofDays(400));
        assertThat(q.mql.isEmpty()).isTrue();
    }

    // --- disqualification ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DISPOSABLE_EMAIL", "TEST_LEAD", "NO_CONSENT"})
    void obviousNonLeadsAreDisqualifiedAndNeverSentOn(String reason) {
        LeadProfile lead = switch (reason) {
            case "DISPOSABLE_EMAIL" -> Leads.profile("someone@mailinator.com").build();
            case "TEST_LEAD" -> Leads.profile("anna@example-gmbh.de").setTest(true).build();
            default -> Leads.profile("anna@example-gmbh.de").setConsent(new Consent(false, null, null)).build();
        };
        q.send(Leads.raw("l-9", lead));

        LifecycleEvent event = single(q.lifecycleOf("l-9"));
        assertThat(event.getTo()).isEqualTo(LeadState.DISQUALIFIED);
        assertThat(event.getReason()).isEqualTo("DISQUALIFIED:" + reason);
        assertThat(event.getActor().getId()).isEqualTo("rule:disqualification");
        assertThat(q.mql.isEmpty()).isTrue();
        assertThat(q.sql.isEmpty()).isTrue();
        assertThat(q.nurture.isEmpty()).isTrue();
    }

    // --- duplicates ------------------------------------------------------------------------------------------

    @Test
    void duplicateOfTheSamePersonIsMergedIntoTheOpenLead() {
        q.send(Leads.raw("first", Leads.profile("Anna@Example-GmbH.de").build()));
        q.mql.readValue();
        q.lifecycle.readValuesToList();

        q.send(Leads.raw("second", facts(Leads.profile("anna@example-gmbh.de").build(),
                f -> f.setExpectedVolume(Leads.money("300000.00"))), Leads.NOW.plus(Duration.ofDays(30))));

        List<LifecycleEvent> events = q.lifecycle.readValuesToList();
        LifecycleEvent merged = events.stream().filter(e -> e.getLeadId().equals("second")).findFirst().orElseThrow();
        assertThat(merged.getTo()).isEqualTo(LeadState.MERGED);
        assertThat(merged.getRelatedLeadId()).isEqualTo("first");
        LifecycleEvent update = events.stream().filter(e -> e.getLeadId().equals("first")).findFirst().orElseThrow();
        assertThat(update.getFrom()).isEqualTo(LeadState.MQL);
        assertThat(update.getTo()).isEqualTo(LeadState.MQL);
        assertThat(update.getReason()).isEqualTo("MERGED_DUPLICATE");
        assertThat(update.getRelatedLeadId()).isEqualTo("second");
        assertThat(update.getDetailsJson()).contains("\"changedFacts\":[\"expectedVolume\"]");
        QualifiedLead updated = q.mql.readValue();
        assertThat(updated.getLeadId()).isEqualTo("first");
        assertThat(updated.getProfile().getFacts().getExpectedVolume()).isEqualTo(Leads.money("300000.00"));
        assertThat(updated.getMergedLeadIds()).containsExactly("second");
        assertThat(q.mql.isEmpty()).as("the duplicate never reaches sales").isTrue();
    }

    @Test
    void duplicateWithANearerDecisionBringsANurtureLeadBackAsNewActivity() {
        q.send(Leads.raw("far", facts(Leads.profile("anna@example-gmbh.de").build(),
                f -> f.setPurchaseDecision(Leads.TODAY.plusMonths(20)))));
        q.nurture.readValue();
        q.send(Leads.raw("near", Leads.profile("anna@example-gmbh.de").build(), Leads.NOW.plus(Duration.ofDays(3))));

        LifecycleEvent back = q.lifecycleOf("far").get(1);
        assertThat(back.getFrom()).isEqualTo(LeadState.NURTURE);
        assertThat(back.getTo()).isEqualTo(LeadState.MQL);
        assertThat(back.getReason()).isEqualTo("NEW_ACTIVITY");
        assertThat(q.mql.readValue().getLeadId()).isEqualTo("far");
    }

    @Test
    void duplicateOfALeadHandedToRoutingIsRecordedOnTheDuplicateOnlyAndItsFactsCountWhenTheLeadComesBack() {
        q.company(Leads.company("example-gmbh.de", "60000000.00", 300));
        q.send(Leads.raw("handed", Leads.profile("anna@example-gmbh.de").build()));
        assertThat(q.sql.readValue().getLeadId()).isEqualTo("handed");
        q.mql.readValuesToList();
        q.lifecycle.readValuesToList();

        q.send(Leads.raw("late", facts(Leads.profile("anna@example-gmbh.de").build(),
                f -> f.setExpectedVolume(Leads.money("300000.00"))), Leads.NOW.plus(Duration.ofDays(30))));

        LifecycleEvent merged = single(q.lifecycle.readValuesToList());
        assertThat(merged.getLeadId()).as("no state event on a lead routing holds").isEqualTo("late");
        assertThat(merged.getFrom()).isEqualTo(LeadState.RECEIVED);
        assertThat(merged.getTo()).isEqualTo(LeadState.MERGED);
        assertThat(merged.getRelatedLeadId()).isEqualTo("handed");
        assertThat(merged.getReasonText()).contains("merged into handed");
        assertThat(merged.getDetailsJson()).contains("\"survivingLeadId\":\"handed\"",
                "\"submittedFacts\":[\"purchaseDecision\",\"expectedVolume\"");
        assertThat(q.mql.isEmpty()).isTrue();
        assertThat(q.sql.isEmpty()).isTrue();

        // Routing hands the lead back (lost); at its re-check it is assessed with the duplicate's facts.
        q.nurtureIn.pipeInput("handed", NurtureHandoff.newBuilder().setLeadId("handed").setAt(Leads.NOW)
                .setFromState(LeadState.LOST).setReason("LOST").setActor(new Actor("PARTNER", "p-1")).build());
        q.advance(Duration.ofDays(91));
        QualifiedLead back = q.mql.readValue();
        assertThat(back.getLeadId()).isEqualTo("handed");
        assertThat(back.getProfile().getFacts().getExpectedVolume()).isEqualTo(Leads.money("300000.00"));
        assertThat(back.getMergedLeadIds()).containsExactly("late");
    }

    @Test
    void personIsMatchedByPhoneWhenThereIsNoEmail() {
        LeadProfile byPhone = Leads.profile(null)
                .setContact(Contact.newBuilder().setFirstName("Anna").setPhone("+49891234567").build()).build();
        q.send(Leads.raw("p-1", byPhone));
        q.send(Leads.raw("p-2", byPhone, Leads.NOW.plus(Duration.ofDays(1))));

        assertThat(q.lifecycleOf("p-2")).extracting(LifecycleEvent::getTo).containsExactly(LeadState.MERGED);
    }

    @Test
    void leadOutsideTheMergeWindowIsANewLead() {
        q.send(Leads.raw("old", Leads.profile("anna@example-gmbh.de").build()));
        q.send(Leads.raw("new", Leads.profile("anna@example-gmbh.de").build(), Leads.NOW.plus(Duration.ofDays(91))));

        assertThat(q.mql.readRecordsToList()).extracting(TestRecord::key).containsExactly("old", "new");
    }

    @Test
    void repeatedLeadIdChangesNothingAndEmitsNothing() {
        q.send(Leads.raw("same", Leads.profile("anna@example-gmbh.de").build()));
        q.mql.readValue();
        q.lifecycle.readValuesToList();

        q.send(Leads.raw("same", Leads.profile("anna@example-gmbh.de").build()));

        assertThat(q.mql.isEmpty()).isTrue();
        assertThat(q.lifecycle.isEmpty()).isTrue();
        assertThat(q.nurture.isEmpty()).isTrue();
    }

    // --- inside-sales decisions ------------------------------------------------------------------------------

    @Test
    void insideSalesQualifiesAWaitingMqlWithChannelAndPinnedPartner() {
        q.send(Leads.raw("s-1", Leads.profile("anna@example-gmbh.de").build()));
        q.lifecycle.readValuesToList();

        q.feedback.pipeInput("s-1", decision("s-1", FeedbackType.QUALIFY).setChannel(Channel.PARTNER)
                .setPinnedPartnerId("p-muc-01").setNote("knows them").build());

        QualifiedLead sql = q.sql.readValue();
        assertThat(sql.getStage()).isEqualTo(LeadState.SQL);
        assertThat(sql.getChannelHint()).isEqualTo(Channel.PARTNER);
        assertThat(sql.getPinnedPartnerId()).isEqualTo("p-muc-01");
        assertThat(sql.getQualifiedBy()).isEqualTo(SALES_USER);
        LifecycleEvent event = single(q.lifecycleOf("s-1"));
        assertThat(event.getFrom()).isEqualTo(LeadState.MQL);
        assertThat(event.getTo()).isEqualTo(LeadState.SQL);
        assertThat(event.getActor()).isEqualTo(SALES_USER);
        assertThat(event.getDetailsJson()).contains("\"requestId\":\"req-s-1-QUALIFY\"");
    }

    @Test
    void insideSalesSendsAnMqlToNurtureAndItComesBackAfterTheRecheckPeriod() {
        q.send(Leads.raw("s-2", Leads.profile("anna@example-gmbh.de").build()));
        q.mql.readValue();
        q.feedback.pipeInput("s-2", decision("s-2", FeedbackType.NURTURE).setReason("budget next year").build());

        NurtureHandoff nurture = q.nurture.readValue();
        assertThat(nurture.getFromState()).isEqualTo(LeadState.MQL);
        assertThat(nurture.getReason()).isEqualTo("SALES_NURTURE");
        assertThat(nurture.getReasonText()).isEqualTo("budget next year");
        assertThat(nurture.getDueDate()).isEqualTo(Leads.TODAY.plusDays(90));

        q.advance(Duration.ofDays(91));
        assertThat(q.mql.readValue().getLeadId()).isEqualTo("s-2");
    }

    @Test
    void insideSalesDisqualifiesAnMql() {
        q.send(Leads.raw("s-3", Leads.profile("anna@example-gmbh.de").build()));
        q.lifecycle.readValuesToList();
        q.feedback.pipeInput("s-3", decision("s-3", FeedbackType.DISQUALIFY).setReason("competitor").build());

        LifecycleEvent event = single(q.lifecycleOf("s-3"));
        assertThat(event.getTo()).isEqualTo(LeadState.DISQUALIFIED);
        assertThat(event.getReason()).isEqualTo("SALES_DISQUALIFY");
        assertThat(event.getReasonText()).isEqualTo("competitor");
    }

    @Test
    void decisionForALeadNotWaitingForOneIsRejectedIntoTheLifecycleLog() {
        q.send(Leads.raw("r-1", facts(Leads.profile("anna@example-gmbh.de").build(), f -> f.setCurrentProduct(null))));
        q.lifecycle.readValuesToList();

        q.feedback.pipeInput("r-1", decision("r-1", FeedbackType.QUALIFY).build());
        q.feedback.pipeInput("ghost", decision("ghost", FeedbackType.DISQUALIFY).build());

        List<LifecycleEvent> events = q.lifecycle.readValuesToList();
        assertThat(events).hasSize(2).allMatch(LifecycleEvent::getRejected);
        assertThat(events.get(0).getFrom()).isEqualTo(LeadState.NURTURE);
        assertThat(events.get(0).getTo()).isEqualTo(LeadState.NURTURE);
        assertThat(events.get(0).getReason()).isEqualTo("DECISION_REJECTED:NOT_WAITING_FOR_SALES");
        assertThat(events.get(1).getLeadId()).isEqualTo("ghost");
        assertThat(events.get(1).getReason()).isEqualTo("DECISION_REJECTED:UNKNOWN_LEAD");
        assertThat(q.sql.isEmpty()).isTrue();
    }

    @Test
    void decisionsForLeadsHandedToRoutingAndPartnerActionsAreLeftToRouting() {
        q.company(Leads.company("example-gmbh.de", "60000000.00", 300));
        q.send(Leads.raw("h-1", Leads.profile("anna@example-gmbh.de").build()));
        q.sql.readValue();
        q.lifecycle.readValuesToList();

        q.feedback.pipeInput("h-1", decision("h-1", FeedbackType.DISQUALIFY).build());
        q.feedback.pipeInput("h-1", decision("h-1", FeedbackType.ACCEPT).setActor(new Actor("PARTNER", "p-1"))
                .setPartnerId("p-1").build());

        assertThat(q.lifecycle.isEmpty()).isTrue();
    }

    // --- routing's hand-backs --------------------------------------------------------------------------------

    @Test
    void leadRoutingHandsBackComesBackAsMqlAfterTheDefaultRecheck() {
        q.company(Leads.company("example-gmbh.de", "60000000.00", 300));
        q.send(Leads.raw("b-1", Leads.profile("anna@example-gmbh.de").build()));
        q.sql.readValue();
        q.mql.readValue();

        q.nurtureIn.pipeInput("b-1", NurtureHandoff.newBuilder().setLeadId("b-1").setAt(Leads.NOW)
                .setFromState(LeadState.LOST).setReason("LOST").setActor(new Actor("PARTNER", "p-1")).build());
        q.advance(Duration.ofDays(89));
        assertThat(q.mql.isEmpty()).isTrue();

        q.advance(Duration.ofDays(2));
        assertThat(q.mql.readValue().getLeadId()).isEqualTo("b-1");
        assertThat(q.sql.readValue().getLeadId()).as("grade A again: SQL by rule").isEqualTo("b-1");
    }

    @Test
    void qualificationsOwnNurtureRecordsAreNotTakenBack() {
        q.send(Leads.raw("o-1", Leads.profile("anna@example-gmbh.de").build()));
        q.lifecycle.readValuesToList();
        q.nurtureIn.pipeInput("o-1", NurtureHandoff.newBuilder().setLeadId("o-1").setAt(Leads.NOW)
                .setFromState(LeadState.MQL).setReason("SALES_NURTURE").setActor(SALES_USER).build());

        q.feedback.pipeInput("o-1", decision("o-1", FeedbackType.QUALIFY).build());
        assertThat(q.sql.readValue().getLeadId()).as("still MQL, so the decision applies").isEqualTo("o-1");
    }

    // --- erasure -----------------------------------------------------------------------------------------------

    @Test
    void erasureResolvesThePersonToAllTheirLeads() {
        q.send(Leads.raw("e-1", Leads.profile("anna@example-gmbh.de").build()));
        q.send(Leads.raw("e-2", Leads.profile("anna@example-gmbh.de").build(), Leads.NOW.plus(Duration.ofDays(2))));
        q.lifecycle.readValuesToList();

        q.erasureRequests.pipeInput("anna@example-gmbh.de", ErasureRequest.newBuilder().setRequestId("er-1")
                .setEmail("Anna@Example-GmbH.de").setRequestedAt(Leads.NOW).setActor(new Actor("ADMIN", "admin"))
                .build());

        assertThat(q.erasures.readValuesToList()).extracting(e -> e.getLeadId() + "/" + e.getRequestId())
                .containsExactlyInAnyOrder("e-1/er-1", "e-2/er-1");
        List<LifecycleEvent> events = q.lifecycle.readValuesToList();
        assertThat(events).extracting(LifecycleEvent::getTo).containsOnly(LeadState.ERASED);
        assertThat(events).extracting(LifecycleEvent::getLeadId).containsExactlyInAnyOrder("e-1", "e-2");

        q.send(Leads.raw("e-3", Leads.profile("anna@example-gmbh.de").build(), Leads.NOW.plus(Duration.ofDays(3))));
        assertThat(q.lifecycleOf("e-3")).extracting(LifecycleEvent::getTo)
                .as("after erasure the person starts afresh").containsExactly(LeadState.MQL);
    }

    // --- dead letters ------------------------------------------------------------------------------------------

    @Test
    void poisonPillGoesToTheDeadLetterTopicWithErrorHeadersAndProcessingContinues() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        q.rawBytes.pipeInput("bad-1", garbage);
        q.send(Leads.raw("good-1", Leads.profile("anna@example-gmbh.de").build()));

        TestRecord<String, byte[]> letter = q.rawDeadLetters.readRecord();
        assertThat(letter.key()).isEqualTo("bad-1");
        assertThat(letter.value()).isEqualTo(garbage);
        Headers headers = letter.headers();
        assertThat(header(headers, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.LEADS_RAW.name());
        assertThat(header(headers, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(headers, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(headers, DeadLetterHeaders.EXCEPTION)).isNotBlank();
        assertThat(header(headers, DeadLetterHeaders.SERVICE)).isEqualTo("qualification-stream");
        assertThat(q.mql.readValue().getLeadId()).isEqualTo("good-1");
    }

    @Test
    void recordThatCannotBeProcessedGoesToItsTopicsDeadLetterTopicInItsOriginalFormat() {
        var nurtureDeadLetters = q.driver.createOutputTopic(Topics.LEADS_NURTURE.deadLetter().name(),
                org.apache.kafka.common.serialization.Serdes.String().deserializer(),
                org.apache.kafka.common.serialization.Serdes.ByteArray().deserializer());
        NurtureHandoff unknown = NurtureHandoff.newBuilder().setLeadId("nobody").setAt(Leads.NOW)
                .setFromState(LeadState.RETURNED).setReason("NOT_READY").setActor(new Actor("RULE", "routing"))
                .build();
        q.nurtureIn.pipeInput("nobody", unknown);
        q.send(Leads.raw("after", Leads.profile("anna@example-gmbh.de").build()));

        TestRecord<String, byte[]> letter = nurtureDeadLetters.readRecord();
        assertThat(q.decode(Topics.LEADS_NURTURE, letter.value())).isEqualTo(unknown);
        assertThat(header(letter.headers(), DeadLetterHeaders.EXCEPTION)).isEqualTo("java.lang.IllegalStateException");
        assertThat(q.mql.readValue().getLeadId()).isEqualTo("after");
    }

    @Test
    void unreadableCompanyRecordGoesToItsDeadLetterTopicAndTheSourceKeepsLoading() {
        byte[] garbage = {0x7f, 0x01, 0x02};
        q.companyBytes.pipeInput("broken-gmbh.de", garbage);
        q.company(Leads.company("example-gmbh.de", "60000000.00", 300));

        assertThat(q.companyDeadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("broken-gmbh.de");
            assertThat(letter.value()).isEqualTo(garbage);
            assertThat(header(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC))
                    .isEqualTo(Topics.REFERENCE_COMPANIES.name());
            assertThat(header(letter.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(letter.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
            assertThat(header(letter.headers(), DeadLetterHeaders.EXCEPTION)).isNotBlank();
            assertThat(header(letter.headers(), DeadLetterHeaders.SERVICE)).isEqualTo("qualification-stream");
        });
        q.send(Leads.raw("after-broken-company", Leads.profile("anna@example-gmbh.de").build()));
        assertThat(q.mql.readValue().getCompany().getFound()).as("the company record after the broken one loaded")
                .isTrue();
    }

    // --- counters ----------------------------------------------------------------------------------------------

    @Test
    void testLeadsAndDisqualificationsAreCountedPerReason() {
        q.send(Leads.raw("c-1", Leads.profile("anna@example-gmbh.de").setTest(true).build()));
        q.send(Leads.raw("c-2", Leads.profile("bob@example-gmbh.de").setTest(true).build()));
        q.send(Leads.raw("c-3", Leads.profile("someone@mailinator.com").build()));
        q.send(Leads.raw("c-4", Leads.profile("carl@example-gmbh.de").setConsent(new Consent(false, null, null))
                .build()));
        q.send(Leads.raw("c-5", Leads.profile("dora@example-gmbh.de").build()));
        q.feedback.pipeInput("c-5", decision("c-5", FeedbackType.DISQUALIFY).setReason("competitor").build());
        q.send(Leads.raw("c-1", Leads.profile("anna@example-gmbh.de").setTest(true).build())); // resubmission

        assertThat(q.meters.get("leadrelay.qualification.test.leads").counter().count()).isEqualTo(2.0);
        assertThat(disqualifications("TEST_LEAD")).isEqualTo(2.0);
        assertThat(disqualifications("DISPOSABLE_EMAIL")).isEqualTo(1.0);
        assertThat(disqualifications("NO_CONSENT")).isEqualTo(1.0);
        assertThat(disqualifications("SALES_DISQUALIFY")).isEqualTo(1.0);
    }

    private double disqualifications(String reason) {
        return q.meters.get("leadrelay.qualification.disqualifications").tag("reason", reason).counter().count();
    }

    private static LeadFeedback.Builder decision(String leadId, FeedbackType type) {
        return LeadFeedback.newBuilder().setRequestId("req-" + leadId + "-" + type).setLeadId(leadId).setType(type)
                .setActor(SALES_USER).setAt(Leads.NOW);
    }

    private static LeadProfile facts(LeadProfile profile, UnaryOperator<QualificationFacts.Builder> change) {
        return LeadProfile.newBuilder(profile).setFacts(change.apply(QualificationFacts.newBuilder(profile.getFacts()))
                .build()).build();
    }

    private static LifecycleEvent single(List<LifecycleEvent> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
