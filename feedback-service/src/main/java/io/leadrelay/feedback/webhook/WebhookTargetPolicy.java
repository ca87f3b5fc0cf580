package io.leadrelay.feedback.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which webhook URLs the service may POST to (server-side request forgery guard): http or https, no credentials in
 * the URL, and a host whose every address is public. Loopback, private (RFC 1918, IPv6 unique-local, carrier-grade
 * NAT) and "this network" addresses are refused unless private targets are allowed (local stacks and tests);
 * link-local (the cloud metadata address 169.254.169.254 among them), multicast, broadcast and wildcard addresses
 * are refused always. Checked when a webhook is registered and again before every delivery, as DNS can change;
 * the JVM caches a lookup for 30 s, so the HTTP client connects to the address that was checked.
 */
public final class WebhookTargetPolicy {

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final boolean allowPrivate;
    private final Resolver resolver;

    public WebhookTargetPolicy(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public WebhookTargetPolicy(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    /** Why the URL may not be used, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute http(s) URL");
        }
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("must name a host");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException | SecurityException e) {
            return Optional.of("host name does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            return Optional.of("host name does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    /** Why an address may not be a webhook target, or empty when it may. */
    Optional<String> refusal(InetAddress address) {
        InetAddress embedded = embeddedIpv4(address);
        if (embedded != null) {
            return refusal(embedded);
        }
        if (address.isAnyLocalAddress() || isThisNetworkOrBroadcast(address)) {
            return Optional.of("must not point to a wildcard or broadcast address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("must not point to a multicast address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("must not point to a link-local address");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("must not point to a loopback address");
        }
        if (address.isSiteLocalAddress() || isUniqueLocal(address) || isSharedAddressSpace(address)) {
            return Optional.of("must not point to a private address");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address, else null. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address v6) || address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return null;
        }
        byte[] b = v6.getAddress();
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        for (int i = 4; i < 12 && nat64; i++) {
            nat64 = b[i] == 0;
        }
        if (!nat64 && !v6.isIPv4CompatibleAddress()) {
            return null;
        }
        try {
            return InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** 0.0.0.0/8 ("this network") and the limited broadcast address. */
    private static boolean isThisNetworkOrBroadcast(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        boolean broadcast = b[0] == (byte) 255 && b[1] == (byte) 255 && b[2] == (byte) 255 && b[3] == (byte) 255;
        return b[0] == 0 || broadcast;
    }

    /** fc00::/7, IPv6's private addresses (Java's isSiteLocalAddress knows only the deprecated fec0::/10). */
    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** 100.64.0.0/10, carrier-grade NAT: not reachable from the internet, often internal infrastructure. */
    private static boolean isSharedAddressSpace(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        return b[0] == 100 && (b[1] & 0xc0) == 64;
    }
}
