package io.leadrelay.routing.stats;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Dashboard configuration (prefix {@code leadrelay.stats}); every key is documented in the module README. */
@ConfigMapping(prefix = "leadrelay.stats")
public interface StatsConfig {

    /** Win probability per open state, e.g. {@code probability.ACCEPTED=0.4}; a state without entry weighs 0. */
    Map<String, Double> probability();

    @WithDefault("PT5S")
    Duration publishInterval();

    @WithDefault("PT2S")
    Duration liveInterval();

    @WithDefault("100")
    int overdueLimit();

    MetricsConfig metrics();

    interface MetricsConfig {
        /** Partner ids with their own metric series; none by default, so cardinality stays bounded. */
        Optional<Set<String>> partners();
    }

    default StatsSettings settings() {
        Map<String, Double> p = probability().isEmpty() ? StatsSettings.DEFAULT_PROBABILITIES : probability();
        return new StatsSettings(Map.copyOf(p), publishInterval(), liveInterval(), overdueLimit(),
                metrics().partners().map(Set::copyOf).orElse(Set.of()));
    }
}
