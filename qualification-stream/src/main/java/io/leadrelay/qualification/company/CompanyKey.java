package io.leadrelay.qualification.company;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.leadrelay.schemas.LeadProfile;

/**
 * The keys under which a lead's company is looked up in the company source, in order: the domain of the website,
 * the email domain unless it is a free-mail or disposable one, and last the normalised company name. The first key
 * that the source knows wins, so the same lead always resolves to the same company record. Pure.
 */
public final class CompanyKey {

    private static final Pattern LEGAL_FORMS = Pattern.compile(
            "\\b(gmbh|mbh|ag|kg|kgaa|ohg|gbr|ug|se|sa|sas|sarl|srl|spa|bv|nv|ab|as|oy|plc|ltd|limited|llc|llp|inc|corp|"
                    + "corporation|co|company|e\\.?\\s?k|e\\.?\\s?v)\\b\\.?");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    // Compiled once: String.replaceAll/replaceFirst would compile them again for every lead.
    private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}");
    private static final Pattern EDGE_DASHES = Pattern.compile("^-+|-+$");

    private final DomainList freeMail;
    private final DomainList disposable;

    public CompanyKey(DomainList freeMail, DomainList disposable) {
        this.freeMail = freeMail;
        this.disposable = disposable;
    }

    public List<String> candidates(LeadProfile profile) {
        Set<String> keys = new LinkedHashSet<>();
        String website = domainOfWebsite(profile.getCompany().getWebsite());
        if (website != null) {
            keys.add(website);
        }
        String emailDomain = emailDomain(profile.getContact().getEmail());
        if (emailDomain != null && !freeMail.contains(emailDomain) && !disposable.contains(emailDomain)) {
            keys.add(emailDomain);
        }
        String name = normalisedName(profile.getCompany().getName());
        if (name != null) {
            keys.add(name);
        }
        return new ArrayList<>(keys);
    }

    /** {@code https://www.Example-GmbH.de/contact} → {@code example-gmbh.de}; null when there is no host. */
    public static String domainOfWebsite(String website) {
        if (website == null || website.isBlank()) {
            return null;
        }
        String host = SCHEME.matcher(website.trim().toLowerCase(Locale.ROOT)).replaceFirst("");
        int end = host.length();
        for (char stop : new char[] {'/', '?', '#', ':'}) {
            int at = host.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        host = host.substring(0, end);
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            host = host.substring(at + 1);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return host.contains(".") && !host.isBlank() ? host : null;
    }

    public static String emailDomain(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        if (at < 0 || at == email.length() - 1) {
            return null;
        }
        return email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    }

    /** {@code "Müller & Söhne GmbH & Co. KG"} → {@code "muller-sohne"}; null when nothing is left. */
    public static String normalisedName(String name) {
        if (name == null) {
            return null;
        }
        String folded = isAscii(name) ? name
                : COMBINING_MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        String ascii = folded.toLowerCase(Locale.ROOT).replace("&", " ");
        String withoutForms = LEGAL_FORMS.matcher(ascii).replaceAll(" ");
        String key = EDGE_DASHES.matcher(NON_ALNUM.matcher(withoutForms).replaceAll("-")).replaceAll("");
        return key.isEmpty() ? null : key;
    }

    /** Most names need no accent folding; skipping the Unicode normalisation for them is the cheap path. */
    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
