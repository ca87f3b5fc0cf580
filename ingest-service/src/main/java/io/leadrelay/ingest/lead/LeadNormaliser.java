package io.leadrelay.ingest.lead;

import static io.leadrelay.ingest.lead.LeadFields.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import io.leadrelay.schemas.CompanyRef;
import io.leadrelay.schemas.Consent;
import io.leadrelay.schemas.Contact;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.LeadSource;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.QualificationFacts;

/**
 * Validates a submission and turns it into the normalised {@link LeadProfile} written to {@code leads.raw}.
 * Collects every field error rather than stopping at the first, so a submitter fixes everything in one go.
 */
public final class LeadNormaliser {

    private static final Pattern EMAIL_LOCAL = Pattern.compile("[\\p{L}\\p{N}_%+'\\-]+(?:\\.[\\p{L}\\p{N}_%+'\\-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]{0,61}[\\p{L}\\p{N}])?\\.)+\\p{L}{2,63}");
    private static final Pattern PHONE_CHARS = Pattern.compile("[0-9+()./ \\-]{3,40}");
    private static final Pattern WEBSITE_FORMAT = Pattern.compile(
            "(?i)(?:https?://)?(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]{0,61}[\\p{L}\\p{N}])?\\.)+\\p{L}{2,63}(?::\\d{1,5})?(?:/[\\p{L}\\p{N}\\-._~%/?#&=+]*)?");
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9\\-]{0,39}");
    private static final Pattern REFERENCE = Pattern.compile("[\\p{L}\\p{N}_.:\\-]{1,200}");
    private static final Pattern UTM_VALUE = Pattern.compile("[\\p{L}\\p{M}\\p{N} _.+\\-%/:|]+");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** Whole-number digits Money can carry: precision 18, scale 2. */
    private static final int MAX_INTEGER_DIGITS = 16;
    private static final Duration CONSENT_CLOCK_SKEW = Duration.ofMinutes(5);

    private final NormaliserSettings settings;
    private final Clock clock;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    public LeadNormaliser(NormaliserSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public Normalised normalise(LeadSubmission submission, Origin origin) {
        Check check = new Check(submission);
        check.errors.addAll(submission.structuralErrors());

        String firstName = check.personName(FIRST_NAME);
        String lastName = check.personName(LAST_NAME);
        if (firstName == null && lastName == null && !check.hasError(FIRST_NAME) && !check.hasError(LAST_NAME)) {
            check.error(LAST_NAME, "REQUIRED", "a first or last name is required");
        }

        String country = check.country(origin.defaultCountry());
        String email = check.email();
        String phone = check.phone(country);
        if (email == null && phone == null && !check.hasError(EMAIL) && !check.hasError(PHONE)) {
            check.error(EMAIL, "REQUIRED", "an email or a phone number is required");
        }

        String company = check.businessText(COMPANY, settings.maxFieldLength());
        if (company == null && settings.companyRequired() && !check.hasError(COMPANY)) {
            check.error(COMPANY, "REQUIRED", "company is required");
        }
        String website = check.website();
        String postalCode = check.postalCode(country);
        String city = check.businessText(CITY, settings.maxFieldLength());

        String decisionText = check.plain(PURCHASE_DECISION, 40);
        LocalDate decision = null;
        if (decisionText != null) {
            decision = PurchaseDecisions.resolve(decisionText, LocalDate.now(clock)).orElse(null);
            if (decision == null) {
                check.error(PURCHASE_DECISION, "INVALID",
                        "expected a date (2027-06-30), month (2027-06), quarter (Q3 2027) or timeframe (in 6 months) within 10 years");
            }
        }
        Money volume = check.money();
        String currentProduct = check.businessText(CURRENT_PRODUCT, settings.maxFieldLength());
        String productInterest = check.businessText(PRODUCT_INTEREST, settings.maxFieldLength());
        String message = check.message();

        Consent consent = check.consent(origin.platformConsent());
        LeadSource source = check.source(origin);
        boolean flaggedTest = Boolean.TRUE.equals(check.bool(TEST));

        if (!check.errors.isEmpty()) {
            return Normalised.rejected(check.errors);
        }
        boolean test = origin.platformTest() || flaggedTest || isTestEmail(email);
        LeadProfile profile = LeadProfile.newBuilder()
                .setContact(new Contact(firstName, lastName, email, phone))
                .setCompany(new CompanyRef(company, website, country, postalCode, city))
                .setFacts(new QualificationFacts(decisionText == null ? null : Texts.tidy(decisionText), decision, volume,
                        currentProduct, productInterest, message))
                .setConsent(consent)
                .setSource(source)
                .setTest(test)
                .build();
        return Normalised.accepted(profile);
    }

    private boolean isTestEmail(String email) {
        if (email == null) {
            return false;
        }
        String domain = email.substring(email.lastIndexOf('@') + 1);
        return settings.testEmailDomains().stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
    }

    /** One pass over a submission, collecting errors. */
    private final class Check {
        private final LeadSubmission submission;
        private final List<FieldError> errors = new ArrayList<>();

        Check(LeadSubmission submission) {
            this.submission = submission;
        }

        void error(String field, String code, String message) {
            errors.add(new FieldError(field, code, message));
        }

        boolean hasError(String field) {
            return errors.stream().anyMatch(e -> e.field().equals(field));
        }

        /** The field's text if it is present, non-blank, a string, short enough and free of forbidden characters. */
        String text(String field, int maxLength, boolean lineBreaksAllowed) {
            FieldValue value = submission.get(field);
            if (value == null) {
                return null;
            }
            if (value.kind() != FieldValue.Kind.TEXT) {
                error(field, "WRONG_TYPE", "must be a string");
                return null;
            }
            String text = value.text();
            if (text.length() > maxLength) {
                error(field, "TOO_LONG", "must be at most " + maxLength + " characters");
                return null;
            }
            if (Texts.hasForbiddenCharacters(text, lineBreaksAllowed)) {
                error(field, "FORBIDDEN_CHARACTERS", "contains control, invisible or undecodable characters");
                return null;
            }
            if (Texts.hasMarkup(text)) {
                error(field, "MARKUP", "must not contain markup or script");
                return null;
            }
            String stripped = text.strip();
            return stripped.isEmpty() ? null : stripped;
        }

        String plain(String field, int maxLength) {
            String text = text(field, maxLength, false);
            return text == null ? null : Texts.tidy(text);
        }

        String personName(String field) {
            String name = plain(field, Math.min(100, settings.maxFieldLength()));
            if (name != null && !Texts.PERSON_NAME.matcher(name).matches()) {
                error(field, "INVALID", "may contain letters, spaces, apostrophes, hyphens and dots only");
                return null;
            }
            return name;
        }

        String businessText(String field, int maxLength) {
            String text = plain(field, maxLength);
            if (text != null && (Texts.hasSqlFragment(text) || !Texts.BUSINESS_TEXT.matcher(text).matches())) {
                error(field, "INVALID", "may contain letters, digits, spaces and & ' . , ( ) / + # ! @ : _ - only");
                return null;
            }
            return text;
        }

        String email() {
            String email = plain(EMAIL, 254);
            if (email == null) {
                return null;
            }
            int at = email.lastIndexOf('@');
            if (at <= 0 || at > 64 || !EMAIL_LOCAL.matcher(email.substring(0, at)).matches()
                    || !DOMAIN.matcher(email.substring(at + 1)).matches()) {
                error(EMAIL, "INVALID", "not an email address");
                return null;
            }
            return email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
        }

        String phone(String country) {
            String phone = plain(PHONE, 40);
            if (phone == null) {
                return null;
            }
            if (!PHONE_CHARS.matcher(phone).matches()) {
                error(PHONE, "INVALID", "may contain digits, spaces and + ( ) . / - only");
                return null;
            }
            try {
                PhoneNumber number = phones.parse(phone, country == null ? "ZZ" : country);
                if (!phones.isValidNumber(number)) {
                    error(PHONE, "INVALID", "not a valid phone number" + (country == null ? " (give it with +country code)" : " for " + country));
                    return null;
                }
                return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            } catch (NumberParseException e) {
                error(PHONE, "INVALID", "not a phone number" + (country == null ? " (give it with +country code)" : ""));
                return null;
            }
        }

        String country(String defaultCountry) {
            String text = plain(COUNTRY, 60);
            if (text == null) {
                if (!hasError(COUNTRY) && defaultCountry == null && settings.countryRequired()) {
                    error(COUNTRY, "REQUIRED", "country is required");
                }
                return hasError(COUNTRY) ? null : defaultCountry;
            }
            Optional<String> code = Countries.resolve(text);
            if (code.isEmpty()) {
                error(COUNTRY, "UNKNOWN_COUNTRY", "expected an ISO 3166-1 alpha-2 code such as DE, or a country name");
                return null;
            }
            return code.get();
        }

        String website() {
            String website = plain(WEBSITE, settings.maxFieldLength());
            if (website != null && !WEBSITE_FORMAT.matcher(website).matches()) {
                error(WEBSITE, "INVALID", "expected a domain or an http(s) URL");
                return null;
            }
            return website;
        }

        String postalCode(String country) {
            String text = plain(POSTAL_CODE, 20);
            if (text == null) {
                return null;
            }
            Optional<String> code = PostalCodes.normalise(text, country);
            if (code.isEmpty()) {
                error(POSTAL_CODE, "INVALID", country == null ? "not a postal code" : "not a postal code of " + country);
                return null;
            }
            return code.get();
        }

        String message() {
            return text(MESSAGE, settings.maxMessageLength(), true);
        }

        Money money() {
            FieldValue amountValue = submission.get(VOLUME_AMOUNT);
            String currency = plain(VOLUME_CURRENCY, 3);
            if (currency != null) {
                currency = currency.toUpperCase(Locale.ROOT);
                if (!CURRENCY.matcher(currency).matches() || !isCurrency(currency)) {
                    error(VOLUME_CURRENCY, "INVALID", "expected an ISO 4217 currency code such as EUR");
                    currency = null;
                }
            }
            if (amountValue == null) {
                if (currency != null) {
                    error(VOLUME_AMOUNT, "REQUIRED", "an amount is required with a currency");
                }
                return null;
            }
            BigDecimal amount = amount(amountValue);
            if (amount != null && currency == null && !hasError(VOLUME_CURRENCY)) {
                error(VOLUME_CURRENCY, "REQUIRED", "a currency is required with an amount");
            }
            return amount == null || currency == null ? null : new Money(amount, currency);
        }

        private BigDecimal amount(FieldValue value) {
            if (value.kind() == FieldValue.Kind.BOOLEAN) {
                error(VOLUME_AMOUNT, "WRONG_TYPE", "must be a number");
                return null;
            }
            String text = value.text().strip();
            if (text.length() > 40) {
                error(VOLUME_AMOUNT, "INVALID", "not an amount");
                return null;
            }
            BigDecimal amount;
            try {
                amount = new BigDecimal(text);
            } catch (NumberFormatException e) {
                error(VOLUME_AMOUNT, "INVALID", "not a number");
                return null;
            }
            // Scale is checked before rounding: rounding 1E-999999 would itself be expensive.
            if (amount.signum() < 0 || amount.scale() > 10 || amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
                error(VOLUME_AMOUNT, "OUT_OF_RANGE", "must be between 0 and 9999999999999999.99");
                return null;
            }
            return amount.setScale(2, RoundingMode.HALF_UP);
        }

        Boolean bool(String field) {
            FieldValue value = submission.get(field);
            if (value == null) {
                return null;
            }
            String text = value.text().strip().toLowerCase(Locale.ROOT);
            if (value.kind() == FieldValue.Kind.NUMBER) {
                error(field, "WRONG_TYPE", "must be true or false");
                return null;
            }
            // Form checkboxes send "on"; CSV exports write yes/no or 1/0.
            switch (text) {
                case "true", "on", "yes", "1" -> {
                    return Boolean.TRUE;
                }
                case "false", "off", "no", "0" -> {
                    return Boolean.FALSE;
                }
                default -> {
                    error(field, "WRONG_TYPE", "must be true or false");
                    return null;
                }
            }
        }

        Consent consent(Consent platformConsent) {
            Boolean marketing = bool(CONSENT_MARKETING);
            String timestampText = plain(CONSENT_TIMESTAMP, 40);
            String text = businessText(CONSENT_TEXT, settings.maxFieldLength());
            Instant timestamp = null;
            if (timestampText != null) {
                try {
                    timestamp = OffsetDateTime.parse(timestampText).toInstant();
                    if (timestamp.isAfter(clock.instant().plus(CONSENT_CLOCK_SKEW))) {
                        error(CONSENT_TIMESTAMP, "IN_FUTURE", "consent cannot be given in the future");
                        timestamp = null;
                    }
                } catch (DateTimeParseException e) {
                    error(CONSENT_TIMESTAMP, "INVALID", "expected an ISO-8601 timestamp such as 2026-11-27T09:30:00Z");
                }
            }
            if (marketing == null) {
                if (hasError(CONSENT_MARKETING)) {
                    return null;
                }
                if (platformConsent != null) {
                    return platformConsent;
                }
                if (settings.consentRequired()) {
                    error(CONSENT_MARKETING, "REQUIRED", "consent.marketing (true or false) is required");
                } else if (timestampText != null || text != null) {
                    error(CONSENT_MARKETING, "REQUIRED", "consent.marketing is required when consent is given");
                }
                return null;
            }
            return new Consent(marketing, timestamp, text);
        }

        LeadSource source(Origin origin) {
            String channel = plain(SOURCE_CHANNEL, 40);
            if (channel != null && !CHANNEL.matcher(channel).matches()) {
                error(SOURCE_CHANNEL, "INVALID", "lower-case letters, digits and hyphens, at most 40");
                channel = null;
            }
            String campaign = businessText(SOURCE_CAMPAIGN, settings.maxFieldLength());
            String reference = plain(SOURCE_REFERENCE, 200);
            if (reference != null && !REFERENCE.matcher(reference).matches()) {
                error(SOURCE_REFERENCE, "INVALID", "letters, digits and _ . : - only");
                reference = null;
            }
            Map<String, String> utm = new HashMap<>();
            for (String field : submission.fields().keySet()) {
                if (!field.startsWith(UTM_PREFIX)) {
                    continue;
                }
                String key = field.substring(UTM_PREFIX.length());
                if (!UTM_KEYS.contains(key)) {
                    error(field, "UNKNOWN", "UTM parameters are " + String.join(", ", UTM_KEYS.stream().sorted().toList()));
                    continue;
                }
                String value = plain(field, settings.maxFieldLength());
                if (value != null && !UTM_VALUE.matcher(value).matches()) {
                    error(field, "INVALID", "letters, digits, spaces and _ . + - % / : | only");
                } else if (value != null) {
                    utm.put(key, value);
                }
            }
            return LeadSource.newBuilder()
                    .setChannel(channel != null ? channel : origin.channel())
                    .setCampaign(campaign)
                    .setUtm(utm)
                    .setReference(origin.reference() != null ? origin.reference() : reference)
                    .setIdempotencyKey(origin.idempotencyKey())
                    .build();
        }

        private boolean isCurrency(String code) {
            try {
                Currency.getInstance(code);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
