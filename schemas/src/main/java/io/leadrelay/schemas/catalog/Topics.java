package io.leadrelay.schemas.catalog;

import java.util.List;

import io.leadrelay.schemas.ApiToken;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.CustomerHandoff;
import io.leadrelay.schemas.ErasureRequest;
import io.leadrelay.schemas.LeadErasure;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.NurtureHandoff;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.PartnerReturn;
import io.leadrelay.schemas.PartnerWebhook;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.RawLead;
import io.leadrelay.schemas.StatsAggregate;

/**
 * The topic catalog: every topic of the contract (CONTRACT.md, Topics) with its layout and value type.
 * Lead topics share one partition count so a lead's records are co-partitioned by lead id.
 */
public final class Topics {

    public static final int LEAD_PARTITIONS = 6;
    public static final int REFERENCE_PARTITIONS = 3;

    /** Header carrying the addressed partner on {@link #LEADS_ASSIGNMENTS}. */
    public static final String PARTNER_ID_HEADER = "partner-id";

    public static final Topic<RawLead> LEADS_RAW = lead("leads.raw", RawLead.class);
    public static final Topic<QualifiedLead> LEADS_MQL = lead("leads.mql", QualifiedLead.class);
    public static final Topic<QualifiedLead> LEADS_SQL = lead("leads.sql", QualifiedLead.class);
    public static final Topic<NurtureHandoff> LEADS_NURTURE = lead("leads.nurture", NurtureHandoff.class);
    public static final Topic<AssignmentEvent> LEADS_ASSIGNMENTS = lead("leads.assignments", AssignmentEvent.class);
    public static final Topic<PartnerReturn> LEADS_RETURNS = lead("leads.returns", PartnerReturn.class);
    public static final Topic<LeadFeedback> LEADS_FEEDBACK = lead("leads.feedback", LeadFeedback.class);
    public static final Topic<QualifiedLead> LEADS_DIRECT = lead("leads.direct", QualifiedLead.class);
    public static final Topic<CustomerHandoff> LEADS_CUSTOMERS = lead("leads.customers", CustomerHandoff.class);
    public static final Topic<LifecycleEvent> LEADS_LIFECYCLE = lead("leads.lifecycle", LifecycleEvent.class);
    /** Lead ids to erase, resolved from {@link #PRIVACY_ERASURE_REQUESTS} by qualification. */
    public static final Topic<LeadErasure> LEADS_ERASURES = lead("leads.erasures", LeadErasure.class);

    /** Key: normalised email of the person to erase. */
    public static final Topic<ErasureRequest> PRIVACY_ERASURE_REQUESTS =
            new Topic<>("privacy.erasure-requests", LEAD_PARTITIONS, false, ErasureRequest.class);

    /** Key: partner id. */
    public static final Topic<PartnerProfile> REFERENCE_PARTNERS =
            new Topic<>("reference.partners", REFERENCE_PARTITIONS, true, PartnerProfile.class);
    /** Key: company domain. */
    public static final Topic<CompanyProfile> REFERENCE_COMPANIES =
            new Topic<>("reference.companies", REFERENCE_PARTITIONS, true, CompanyProfile.class);

    /** Key: token id. Hashes of issued API tokens, so they survive restarts and work on every instance. */
    public static final Topic<ApiToken> FEEDBACK_TOKENS =
            new Topic<>("feedback.tokens", REFERENCE_PARTITIONS, true, ApiToken.class);
    /** Key: partner id. */
    public static final Topic<PartnerWebhook> FEEDBACK_WEBHOOKS =
            new Topic<>("feedback.webhooks", REFERENCE_PARTITIONS, true, PartnerWebhook.class);

    /** Key: funnel row key (time level, day/month, source channel, campaign). Dashboard aggregates by routing-stream. */
    public static final Topic<StatsAggregate> STATS_FUNNEL =
            new Topic<>("stats.funnel", LEAD_PARTITIONS, true, StatsAggregate.class);
    /** Key: partner row key (time level, day/month, partner id). Dashboard aggregates by routing-stream. */
    public static final Topic<StatsAggregate> STATS_PARTNERS =
            new Topic<>("stats.partners", LEAD_PARTITIONS, true, StatsAggregate.class);
    /** Key: forecast row key (expected decision month, source channel, campaign). Dashboard aggregates by routing-stream. */
    public static final Topic<StatsAggregate> STATS_FORECAST =
            new Topic<>("stats.forecast", LEAD_PARTITIONS, true, StatsAggregate.class);

    private static final List<Topic<?>> ALL = List.of(LEADS_RAW, LEADS_MQL, LEADS_SQL, LEADS_NURTURE,
            LEADS_ASSIGNMENTS, LEADS_RETURNS, LEADS_FEEDBACK, LEADS_DIRECT, LEADS_CUSTOMERS, LEADS_LIFECYCLE,
            LEADS_ERASURES, PRIVACY_ERASURE_REQUESTS, REFERENCE_PARTNERS, REFERENCE_COMPANIES, FEEDBACK_TOKENS,
            FEEDBACK_WEBHOOKS, STATS_FUNNEL, STATS_PARTNERS, STATS_FORECAST);

    /** Topics whose consumers park undecodable or unprocessable records on a dead-letter topic. */
    private static final List<Topic<?>> CONSUMED = List.of(LEADS_RAW, LEADS_MQL, LEADS_SQL, LEADS_NURTURE,
            LEADS_ASSIGNMENTS, LEADS_RETURNS, LEADS_FEEDBACK, LEADS_LIFECYCLE, LEADS_ERASURES,
            PRIVACY_ERASURE_REQUESTS, REFERENCE_PARTNERS, REFERENCE_COMPANIES);

    /** Meta Lead Ads leads that could not be fetched from the Graph API yet; ingest retries them. */
    public static final DeadLetterTopic WEBHOOKS_META_DLQ = new DeadLetterTopic("webhooks.meta.dlq", LEAD_PARTITIONS);

    private Topics() {
    }

    public static List<Topic<?>> all() {
        return ALL;
    }

    public static List<DeadLetterTopic> deadLetterTopics() {
        List<DeadLetterTopic> dlqs = new java.util.ArrayList<>(CONSUMED.stream().map(Topic::deadLetter).toList());
        dlqs.add(WEBHOOKS_META_DLQ);
        return List.copyOf(dlqs);
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> Topic<V> lead(String name, Class<V> type) {
        return new Topic<>(name, LEAD_PARTITIONS, false, type);
    }
}
