package io.leadrelay.feedback.auth;

import java.io.IOException;
import java.net.URI;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;
import org.jose4j.http.Get;
import org.jose4j.http.SimpleGet;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The signing keys of the OIDC issuer, read from its JWKS (a configured URL, or the {@code jwks_uri} of the issuer's
 * discovery document) and picked by the token's {@code kid} and algorithm. A fetched key set is used for the cache
 * lifetime; a token naming a key the set lacks makes it fetch again (the issuer rotated its keys). No fetch starts
 * sooner than the minimum interval after the previous attempt, so tokens with made-up key ids cannot make us hammer
 * the issuer. A failed fetch keeps the keys fetched before and is logged once; the token it was for is refused.
 */
final class IssuerKeys implements VerificationKeyResolver {

    private static final Logger LOG = Logger.getLogger(IssuerKeys.class);
    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    /** Keys of one successful fetch; {@code fetchedAt} is null before the first one. */
    private record KeySet(List<JsonWebKey> keys, Instant fetchedAt) {

        static final KeySet NONE = new KeySet(List.of(), null);

        boolean expired(Instant now, Duration lifetime) {
            return fetchedAt == null || !now.isBefore(fetchedAt.plus(lifetime));
        }
    }

    private final String issuer;
    private final Set<String> algorithms;
    private final Duration cacheLifetime;
    private final Duration minInterval;
    private final Clock clock;
    private final SimpleGet http;
    private final VerificationJwkSelector selector = new VerificationJwkSelector();
    private final ReentrantLock fetchLock = new ReentrantLock();

    private volatile KeySet current = KeySet.NONE;
    /** Guarded by fetchLock. */
    private URI jwksUri;
    /** Guarded by fetchLock. */
    private Instant lastAttempt;
    /** Guarded by fetchLock. */
    private boolean failing;

    /**
     * @param jwksUri the key set's location, or null to discover it from the issuer
     * @param issuer  the expected issuer; the discovery document must name exactly this one
     */
    IssuerKeys(URI jwksUri, String issuer, Set<String> algorithms, Duration cacheLifetime, Duration minInterval,
            Duration timeout, Clock clock) {
        this.jwksUri = jwksUri;
        this.issuer = issuer;
        this.algorithms = Set.copyOf(algorithms);
        this.cacheLifetime = cacheLifetime;
        this.minInterval = minInterval;
        this.clock = clock;
        Get get = new Get();
        // Retries would sleep on the request thread; the next token retries after the minimum interval instead.
        get.setRetries(0);
        get.setConnectTimeout((int) timeout.toMillis());
        get.setReadTimeout((int) timeout.toMillis());
        this.http = get;
    }

    static URI discoveryUri(String issuer) {
        return httpUri(issuer.replaceAll("/+$", "") + DISCOVERY_PATH, "leadrelay.auth.jwt.issuer");
    }

    /** An absolute http or https URI; http is for local issuers and tests. */
    static URI httpUri(String text, String what) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a URL");
        }
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " must be an absolute http or https URL");
        }
        return uri;
    }

    @Override
    public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext) throws UnresolvableKeyException {
        if (!algorithms.contains(jws.getAlgorithmHeaderValue())) {
            // The algorithm constraints refuse it anyway; such a token must not cost a fetch.
            throw new UnresolvableKeyException("algorithm not allowed");
        }
        KeySet seen = current;
        JsonWebKey key = select(jws, seen);
        if (key == null) {
            key = select(jws, refresh(seen, true));
        } else if (seen.expired(clock.instant(), cacheLifetime)) {
            // A known key need not wait while another request fetches the set again.
            key = select(jws, refresh(seen, false));
        }
        if (key == null) {
            throw new UnresolvableKeyException("no key of the issuer matches the token");
        }
        return key.getKey();
    }

    private JsonWebKey select(JsonWebSignature jws, KeySet set) throws UnresolvableKeyException {
        try {
            return selector.selectWithVerifySignatureDisambiguate(jws, set.keys());
        } catch (JoseException e) {
            throw new UnresolvableKeyException("no usable key", e);
        }
    }

    /**
     * The key set after a fetch, when one is due and allowed; otherwise the current one. Without {@code wait}, a fetch
     * already under way elsewhere is not waited for.
     */
    private KeySet refresh(KeySet seen, boolean wait) {
        if (wait) {
            fetchLock.lock();
        } else if (!fetchLock.tryLock()) {
            return current;
        }
        try {
            if (current != seen) {
                // Another request fetched while this one waited.
                return current;
            }
            Instant now = clock.instant();
            if (lastAttempt != null && now.isBefore(lastAttempt.plus(minInterval))) {
                return current;
            }
            lastAttempt = now;
            try {
                current = new KeySet(fetch(), now);
                if (failing) {
                    LOG.infof("signing keys of the OIDC issuer read again from %s", jwksUri);
                    failing = false;
                }
            } catch (IOException | JoseException | RuntimeException e) {
                failing = true;
                LOG.warnf("could not read the signing keys of the OIDC issuer from %s (%s: %s); tokens needing other keys "
                        + "than the %d known are refused, next attempt not before %s", jwksUri != null ? jwksUri
                        : discoveryUri(issuer), e.getClass().getSimpleName(), e.getMessage(), current.keys().size(),
                        now.plus(minInterval));
            }
            return current;
        } finally {
            fetchLock.unlock();
        }
    }

    private List<JsonWebKey> fetch() throws IOException, JoseException {
        if (jwksUri == null) {
            jwksUri = discover();
        }
        JsonWebKeySet set = new JsonWebKeySet(http.get(jwksUri.toString()).getBody());
        // Only public keys verify signatures; shared secrets (kty oct) in a key set are never used.
        return set.getJsonWebKeys().stream().filter(PublicJsonWebKey.class::isInstance).toList();
    }

    private URI discover() throws IOException, JoseException {
        Map<String, Object> document = JsonUtil.parseJson(http.get(discoveryUri(issuer).toString()).getBody());
        if (!issuer.equals(document.get("issuer"))) {
            // OpenID Connect Discovery 1.0, 4.3: the document must name exactly the issuer it was read for.
            throw new IOException("the discovery document names issuer " + document.get("issuer"));
        }
        if (!(document.get("jwks_uri") instanceof String location)) {
            throw new IOException("the discovery document has no jwks_uri");
        }
        return httpUri(location, "jwks_uri of the discovery document");
    }
}
