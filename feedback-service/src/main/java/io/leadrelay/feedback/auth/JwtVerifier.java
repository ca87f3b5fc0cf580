package io.leadrelay.feedback.auth;

import java.net.URI;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jboss.logging.Logger;

import io.leadrelay.feedback.config.FeedbackConfig;
import io.quarkus.runtime.Startup;

/**
 * Verifies JWTs of the configured OIDC issuer: signature (asymmetric algorithms only), issuer, optional audience,
 * expiry. The verification key is the configured public key, or picked by {@code kid} from the issuer's JWKS (a
 * configured URL, or found through OIDC discovery). Roles and the partner id come from claims.
 */
@ApplicationScoped
// Built at start so that a misconfigured issuer stops the service instead of failing its first request.
@Startup
public class JwtVerifier {

    private static final Logger LOG = Logger.getLogger(JwtVerifier.class);
    public static final Pattern PARTNER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    static final List<String> ALGORITHMS = List.of(AlgorithmIdentifiers.RSA_USING_SHA256,
            AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384);

    private final FeedbackConfig.Jwt config;
    private final Clock clock;
    /** Null when no key source is configured: every JWT is refused. */
    private final VerificationKeyResolver keys;

    @Inject
    JwtVerifier(FeedbackConfig config, Clock clock) {
        this(config.auth().jwt(), clock);
    }

    JwtVerifier(FeedbackConfig.Jwt config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.keys = keys(config, clock);
    }

    /**
     * One source of keys: the public key; else the JWKS URL; else discovery from the issuer (on by default when an
     * issuer is configured); else none.
     */
    private static VerificationKeyResolver keys(FeedbackConfig.Jwt config, Clock clock) {
        if (config.publicKey().isPresent()) {
            if (config.jwksUrl().isPresent() || config.discovery().orElse(false)) {
                throw new IllegalArgumentException("leadrelay.auth.jwt.public-key cannot be combined with "
                        + "leadrelay.auth.jwt.jwks-url or leadrelay.auth.jwt.discovery=true; configure one source of keys");
            }
            PublicKey key = parseKey(config.publicKey().get());
            return (jws, nesting) -> key;
        }
        URI jwksUri = config.jwksUrl().map(url -> IssuerKeys.httpUri(url, "leadrelay.auth.jwt.jwks-url")).orElse(null);
        if (jwksUri == null) {
            if (!config.discovery().orElse(config.issuer().isPresent())) {
                return null;
            }
            if (config.issuer().isEmpty()) {
                throw new IllegalArgumentException("leadrelay.auth.jwt.discovery=true needs leadrelay.auth.jwt.issuer");
            }
        }
        URI first = jwksUri != null ? jwksUri : IssuerKeys.discoveryUri(config.issuer().get());
        if ("http".equalsIgnoreCase(first.getScheme())) {
            LOG.warnf("keys of the OIDC issuer are read over plain http (%s); use https outside local stacks", first);
        }
        return new IssuerKeys(jwksUri, config.issuer().orElse(null), Set.copyOf(ALGORITHMS), config.jwksCacheLifetime(),
                config.jwksRefreshMinInterval(), config.jwksTimeout(), clock);
    }

    public Optional<Caller> verify(String token) {
        if (keys == null) {
            return Optional.empty();
        }
        try {
            JwtConsumerBuilder builder = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setRequireSubject()
                    .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                    .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                    .setVerificationKeyResolver(keys)
                    .setJwsAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT,
                            ALGORITHMS.toArray(String[]::new)));
            config.issuer().ifPresent(builder::setExpectedIssuer);
            if (config.audience().isPresent()) {
                builder.setExpectedAudience(config.audience().get());
            } else {
                builder.setSkipDefaultAudienceValidation();
            }
            JwtConsumer consumer = builder.build();
            JwtClaims claims = consumer.processToClaims(token);
            return caller(claims);
        } catch (InvalidJwtException | MalformedClaimException | RuntimeException e) {
            LOG.debugf("JWT refused: %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private Optional<Caller> caller(JwtClaims claims) throws MalformedClaimException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> names = claims.isClaimValueStringList(config.rolesClaim())
                ? claims.getStringListClaimValue(config.rolesClaim()) : List.of();
        names.forEach(name -> Role.fromWire(name).ifPresent(roles::add));
        String partnerId = claims.isClaimValueString(config.partnerClaim())
                ? claims.getStringClaimValue(config.partnerClaim()) : null;
        if (partnerId == null || !PARTNER_ID.matcher(partnerId).matches()) {
            // A partner role without a usable partner id cannot be scoped, so it grants nothing.
            roles.remove(Role.PARTNER);
            partnerId = null;
        }
        if (roles.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Caller(Set.copyOf(roles), claims.getSubject(), roles.contains(Role.PARTNER) ? partnerId : null));
    }

    static PublicKey parseKey(String text) {
        String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (Exception e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("leadrelay.auth.jwt.public-key is neither an RSA nor an EC public key");
    }
}
