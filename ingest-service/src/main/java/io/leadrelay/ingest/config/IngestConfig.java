package io.leadrelay.ingest.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Every setting of ingest-service under {@code leadrelay.ingest}; each key is documented in README.md. */
@ConfigMapping(prefix = "leadrelay.ingest")
public interface IngestConfig {

    Producer producer();

    Idempotency idempotency();

    Limits limits();

    Validation validation();

    Form form();

    @WithName("google-ads")
    GoogleAds googleAds();

    Meta meta();

    /** The Kafka producer writing {@code leads.raw}: bounded waits so a broker outage becomes a 503, not a hang. */
    interface Producer {
        /** Longest time from send to broker acknowledgement before the caller gets 503. */
        @WithDefault("PT10S")
        Duration deliveryTimeout();

        @WithDefault("PT5S")
        Duration requestTimeout();

        /** Longest time a send may block waiting for metadata or buffer space. */
        @WithDefault("PT5S")
        Duration maxBlock();

        @WithDefault("5")
        int lingerMs();

        /**
         * Producer compression of {@code leads.raw}. {@code none} by default: a lead is ~1.5 KB, and every reader of
         * the topic (each instance's key index, the broker's validation, qualification) would pay to decompress it,
         * which profiling showed costs more CPU than the bytes it saves; use {@code lz4} over a slow link.
         */
        @WithDefault("none")
        String compression();

        /** Seconds put into {@code Retry-After} when Kafka did not acknowledge. */
        @WithDefault("5")
        int retryAfterSeconds();
    }

    interface Idempotency {
        /** How long a repeated Idempotency-Key (or ad-platform lead id) is answered without writing. */
        @WithDefault("PT24H")
        Duration window();

        /** Longest wait for this instance's key index to catch up with the partition before answering. */
        @WithDefault("PT5S")
        Duration catchUpTimeout();
    }

    interface Limits {
        @WithDefault("1048576")
        long maxBodyBytes();

        @WithDefault("20971520")
        long batchMaxBodyBytes();

        @WithDefault("10000")
        int batchMaxRows();

        /** Longest accepted value of a short text field (names, company, city, products). */
        @WithDefault("200")
        int maxFieldLength();

        @WithDefault("5000")
        int maxMessageLength();
    }

    interface Validation {
        /** Whether a lead needs {@code consent.marketing} (api, form and batch; ad platforms record their own). */
        @WithDefault("true")
        boolean consentRequired();

        @WithDefault("true")
        boolean companyRequired();

        @WithDefault("true")
        boolean countryRequired();

        /** Email domains that mark a lead as a test lead (flows through, flagged, never sent to partners). */
        @WithDefault("example.test")
        List<String> testEmailDomains();
    }

    interface Form {
        /** Thank-you URLs a form may redirect to (scheme, host, port and path must match exactly). */
        Optional<List<String>> redirectAllowList();
    }

    interface GoogleAds {
        /** The key configured in the Google Ads lead form webhook; without it every delivery is refused. */
        Optional<String> key();

        /** Consent text recorded for leads from Google Ads lead forms (the form carries the advertiser's terms). */
        @WithDefault("google-ads-lead-form")
        String consentText();

        /** Country assumed when the form has no COUNTRY column. */
        Optional<String> defaultCountry();
    }

    interface Meta {
        /** App secret for {@code X-Hub-Signature-256}; without it every delivery is refused. */
        Optional<String> appSecret();

        /** Token Meta echoes on subscription ({@code hub.verify_token}). */
        Optional<String> verifyToken();

        @WithDefault("https://graph.facebook.com")
        String graphBaseUrl();

        @WithDefault("v21.0")
        String graphApiVersion();

        /** Page access token for reading leads. */
        Optional<String> accessToken();

        @WithDefault("PT5S")
        Duration graphTimeout();

        /** Fetch attempts during the webhook call before the lead is parked. */
        @WithDefault("3")
        int fetchAttempts();

        /** First backoff between attempts; doubles each time. */
        @WithDefault("PT0.2S")
        Duration fetchBackoff();

        /** Delay before a parked lead is retried; doubles per parking, capped at one hour. */
        @WithDefault("PT30S")
        Duration parkedRetryDelay();

        /** Parkings after which a lead stays on the dead-letter topic for a person to look at. */
        @WithDefault("12")
        int maxParkings();

        @WithDefault("Leadrelay consent per Meta lead form")
        String consentText();

        Optional<String> defaultCountry();
    }
}
