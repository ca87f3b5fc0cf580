package io.leadrelay.feedback.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetPolicyTest {

    /** A DNS of the test's own: names and the addresses they resolve to. */
    private static final Map<String, String[]> DNS = Map.of(
            "crm.partner.example", new String[] { "93.184.216.34" },
            "rebound.partner.example", new String[] { "93.184.216.34", "127.0.0.1" },
            "metadata.partner.example", new String[] { "169.254.169.254" },
            "intranet.partner.example", new String[] { "10.1.2.3" },
            "v6.partner.example", new String[] { "2606:2800:220:1:248:1893:25c8:1946" });

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] addresses = DNS.get(host);
        if (addresses == null) {
            // Literal addresses resolve to themselves, without a lookup.
            if (host.matches("[0-9.]+|\\[[0-9a-fA-F:.]+\\]")) {
                return InetAddress.getAllByName(host);
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] result = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            result[i] = InetAddress.getByName(addresses[i]);
        }
        return result;
    }

    private final WebhookTargetPolicy strict = new WebhookTargetPolicy(false, WebhookTargetPolicyTest::resolve);
    private final WebhookTargetPolicy local = new WebhookTargetPolicy(true, WebhookTargetPolicyTest::resolve);

    @ParameterizedTest
    @ValueSource(strings = { "https://crm.partner.example/leadrelay", "http://crm.partner.example:8443/hooks?x=1",
            "HTTPS://crm.partner.example", "https://93.184.216.34/hook", "https://v6.partner.example/hook",
            "https://[2606:2800:220:1:248:1893:25c8:1946]/hook" })
    void publicTargetsAreAllowed(String url) {
        assertThat(strict.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:8080/hook", "http://127.1.2.3/", "http://[::1]/hook",
            "http://[::ffff:127.0.0.1]/hook", "http://[::127.0.0.1]/hook", "http://2130706433/hook",
            "https://rebound.partner.example/hook" })
    void loopbackIsRefused(String url) {
        assertThat(strict.refusal(url)).contains("must not point to a loopback address");
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://10.0.0.5/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.10/",
            "http://100.64.0.1/", "http://[fd12:3456::1]/", "http://[fec0::1]/", "http://[64:ff9b::10.0.0.1]/",
            "https://intranet.partner.example/hook" })
    void privateAddressesAreRefused(String url) {
        assertThat(strict.refusal(url)).contains("must not point to a private address");
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/",
            "https://metadata.partner.example/hook" })
    void linkLocalIncludingCloudMetadataIsRefusedEvenWhenPrivateTargetsAreAllowed(String url) {
        assertThat(strict.refusal(url)).contains("must not point to a link-local address");
        assertThat(local.refusal(url)).contains("must not point to a link-local address");
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://0.0.0.0/", "http://[::]/", "http://0.1.2.3/", "http://255.255.255.255/",
            "http://224.0.0.1/", "http://[ff02::1]/" })
    void wildcardBroadcastAndMulticastAreRefusedAlways(String url) {
        assertThat(strict.refusal(url)).isPresent();
        assertThat(local.refusal(url)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://crm.partner.example/", "file:///etc/passwd", "gopher://crm.partner.example/",
            "javascript:alert(1)", "crm.partner.example/hook", "//crm.partner.example/hook" })
    void otherSchemesAreRefused(String url) {
        assertThat(strict.refusal(url)).contains("must be an http or https URL");
    }

    @Test
    void credentialsUnresolvableHostsAndMalformedUrlsAreRefused() {
        assertThat(strict.refusal("https://user:secret@crm.partner.example/")).contains("must not carry credentials");
        assertThat(local.refusal("http://admin@127.0.0.1/")).contains("must not carry credentials");
        assertThat(strict.refusal("https://nowhere.partner.example/")).contains("host name does not resolve");
        assertThat(strict.refusal("https://crm partner/")).contains("must be an absolute http(s) URL");
        assertThat(strict.refusal("https:///path-only")).contains("must name a host");
    }

    @Test
    void privateTargetsAreAllowedOnlyWhenConfigured() {
        assertThat(local.refusal("http://127.0.0.1:8080/hook")).isEmpty();
        assertThat(local.refusal("http://10.0.0.5/hook")).isEmpty();
        assertThat(local.refusal("https://intranet.partner.example/hook")).isEmpty();
    }
}
