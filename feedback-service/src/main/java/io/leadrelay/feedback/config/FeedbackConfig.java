package io.leadrelay.feedback.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Every setting of the feedback service (documented in the module README). */
@ConfigMapping(prefix = "leadrelay")
public interface FeedbackConfig {

    /** Admin bearer token of the local stack; env {@code LEADRELAY_ADMIN_TOKEN}. Generated and printed once when absent. */
    @WithName("admin-token")
    Optional<String> adminToken();

    Registry registry();

    Auth auth();

    Actions actions();

    Webhooks webhooks();

    Http http();

    Partners partners();

    Inbox inbox();

    Sales sales();

    interface Registry {
        /** Apicurio native v3 API. */
        String url();
    }

    interface Auth {
        /** Lifetime of an issued API token when the request names none; absent means no expiry. */
        Optional<Duration> tokenDefaultTtl();

        Jwt jwt();
    }

    interface Jwt {
        /**
         * PEM (or bare base64 DER) RSA/EC public key of the OIDC issuer. When set it is the only key: it cannot be
         * combined with {@link #jwksUrl()} or {@code discovery=true}.
         */
        Optional<String> publicKey();

        /** Expected {@code iss} claim; with discovery also where the issuer's discovery document is read. */
        Optional<String> issuer();

        /** JWKS of the issuer (http or https), read instead of discovering it; keys are picked by {@code kid}. */
        Optional<String> jwksUrl();

        /**
         * Whether the JWKS location comes from {@code <issuer>/.well-known/openid-configuration}. Absent means on when
         * an issuer is configured and neither a public key nor a JWKS URL is.
         */
        Optional<Boolean> discovery();

        /** How long a fetched key set is used before it is fetched again. */
        @WithDefault("PT10M")
        Duration jwksCacheLifetime();

        /**
         * Shortest time between two fetches of the key set (including those for a token naming an unknown key), so
         * tokens with made-up key ids cannot make the service hammer the issuer.
         */
        @WithDefault("PT30S")
        Duration jwksRefreshMinInterval();

        /** Connect and read timeout of one request to the issuer. */
        @WithDefault("PT5S")
        Duration jwksTimeout();

        /** Expected {@code aud} claim; not checked when absent. */
        Optional<String> audience();

        /** Claim with the roles (a string array). */
        @WithDefault("groups")
        String rolesClaim();

        /** Claim with the partner id of a partner user. */
        @WithDefault("partner_id")
        String partnerClaim();

        /** Clock skew tolerated on exp/nbf. */
        @WithDefault("PT30S")
        Duration clockSkew();
    }

    interface Actions {
        /** How long a partner action waits for routing's answer before answering 202 with a status link. */
        @WithDefault("PT5S")
        Duration answerTimeout();

        /** How many answered partner requests are remembered for the status link. */
        @WithDefault("20000")
        int rememberedAnswers();
    }

    interface Inbox {
        /**
         * Released leads (returned, closed, withdrawn, reclaimed) kept so their partner gets the state (409) rather
         * than 404; older ones are forgotten. About 300 bytes each.
         */
        @WithDefault("50000")
        int releasedKept();
    }

    interface Sales {
        /**
         * Leads known to the sales queue but not waiting for sales (handed to routing, nurtured), kept so a decision
         * on them gets 409 with the state rather than 404; the least recently changed are forgotten first. About 150
         * bytes each, 450 with the packed details of a lead routing may send back to SALES_REVIEW.
         */
        @WithDefault("100000")
        int knownLeads();
    }

    interface Webhooks {
        /** First retry delay; doubles per attempt. */
        @WithDefault("PT1S")
        Duration initialBackoff();

        /** Longest delay between two attempts. */
        @WithDefault("PT5M")
        Duration maxBackoff();

        /** How long a delivery is retried before it goes to the dead-letter topic. */
        @WithDefault("PT24H")
        Duration retryPeriod();

        /** Timeout of one POST to a partner system. */
        @WithDefault("PT10S")
        Duration requestTimeout();

        /** Threads delivering webhooks; one partner uses at most one at a time. */
        @WithDefault("8")
        int workers();

        /** Deliveries waiting in memory before reading new assignment events pauses. */
        @WithDefault("10000")
        int maxPending();

        /**
         * Whether webhook URLs may point to loopback and private addresses (local stacks, tests). Link-local (cloud
         * metadata), multicast and wildcard addresses are refused regardless.
         */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** Consumer group of the delivering instances (each event is delivered by one instance). */
        @WithDefault("feedback-service-webhooks")
        String consumerGroup();
    }

    interface Partners {
        /** Shortest accept SLA an admin may give a partner; guards against a typo such as PT5S for PT5M. */
        @WithDefault("PT5M")
        Duration minAcceptSla();

        /** Longest accept SLA an admin may give a partner. */
        @WithDefault("P60D")
        Duration maxAcceptSla();
    }

    interface Http {
        /** Largest request body accepted, in bytes. */
        @WithDefault("65536")
        int maxBodyBytes();
    }
}
