package io.leadrelay.qualification.topology;

/** Every store, repartition topic and processor name of the topology, in one place (the describe() snapshot pins them). */
public final class Names {

    /** Service name in dead-letter headers. */
    public static final String SERVICE = "qualification-stream";

    /** Person key → open lead and all lead ids of the person. */
    public static final String PERSON_INDEX_STORE = "person-index";
    /** Lead id → what qualification holds about the lead. */
    public static final String LEAD_STATE_STORE = "lead-state";
    /** {@code <epoch-day, 10 digits>|<lead id>} → lead id, for nurture leads with a due date. */
    public static final String DUE_INDEX_STORE = "nurture-due-index";
    /** Company key → company record of the fixed company source (global). */
    public static final String COMPANY_SOURCE_STORE = "company-source";

    /** Repartition of raw leads and erasure requests by person key. */
    public static final String PERSON_COMMANDS_REPARTITION = "person-commands";
    /** Repartition of commands back to lead id, co-partitioned with leads.feedback and leads.nurture. */
    public static final String LEAD_COMMANDS_REPARTITION = "lead-commands";

    public static final String RAW_SOURCE = "leads-raw-source";
    public static final String ERASURE_SOURCE = "erasure-requests-source";
    public static final String FEEDBACK_SOURCE = "leads-feedback-source";
    public static final String NURTURE_SOURCE = "leads-nurture-source";
    public static final String COMPANY_LOADER = "company-source-loader";
    public static final String RAW_INTAKE = "raw-lead-intake";
    public static final String ERASURE_INTAKE = "erasure-intake";
    public static final String FEEDBACK_INTAKE = "sales-decision-intake";
    public static final String NURTURE_INTAKE = "handback-intake";
    public static final String PERSON_INDEX = "person-index-processor";
    public static final String LEAD_PROCESSOR = "lead-qualifier";

    private Names() {
    }
}
