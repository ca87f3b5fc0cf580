package io.leadrelay.qualification.company;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** A list of email domains shipped as a resource, one per line, '#' comments. Sub-domains of a listed domain match. */
public final class DomainList {

    public static final String FREE_MAIL_RESOURCE = "/qualification/free-mail-domains.txt";
    public static final String DISPOSABLE_RESOURCE = "/qualification/disposable-domains.txt";

    private final Set<String> domains;

    public DomainList(Set<String> domains) {
        this.domains = Set.copyOf(domains);
    }

    public static DomainList freeMail() {
        return fromResource(FREE_MAIL_RESOURCE);
    }

    public static DomainList disposable() {
        return fromResource(DISPOSABLE_RESOURCE);
    }

    public static DomainList fromResource(String resource) {
        try (InputStream in = DomainList.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Set<String> domains = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .forEach(domains::add);
            return new DomainList(domains);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean contains(String domain) {
        if (domain == null) {
            return false;
        }
        String candidate = domain.toLowerCase(Locale.ROOT);
        while (true) {
            if (domains.contains(candidate)) {
                return true;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0 || candidate.indexOf('.', dot + 1) < 0) {
                return false;
            }
            candidate = candidate.substring(dot + 1);
        }
    }
}
