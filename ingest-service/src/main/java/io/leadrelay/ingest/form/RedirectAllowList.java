package io.leadrelay.ingest.form;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Thank-you pages a form may send the browser to. A target is allowed only if its scheme, host, port and path
 * equal an allow-listed URL exactly (only the query string may differ); anything else is refused, so the form
 * endpoint can never serve as an open redirect.
 */
public final class RedirectAllowList {

    private record Target(String scheme, String host, int port, String path) {
    }

    private final List<Target> allowed;

    public RedirectAllowList(List<String> urls) {
        this.allowed = urls.stream().map(RedirectAllowList::target).flatMap(Optional::stream).toList();
    }

    /** The target as a URI if it is allowed. */
    public Optional<URI> check(String url) {
        if (url == null || url.length() > 2000 || url.chars().anyMatch(c -> c <= 0x20 || c == '\\' || c > 0x7E)) {
            return Optional.empty();
        }
        return target(url).filter(allowed::contains).map(t -> URI.create(url));
    }

    private static Optional<Target> target(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.isOpaque() || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return Optional.of(new Target(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, path));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
