package io.leadrelay.qualification.support;

import java.util.Map;

import io.leadrelay.qualification.config.QualificationConfig;
import io.leadrelay.qualification.lead.QualificationRules;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The real configuration mapping with its real defaults, plus a test's overrides (full keys). */
public final class TestConfig {

    private TestConfig() {
    }

    public static QualificationConfig config(Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(QualificationConfig.class)
                .withSources(new PropertiesConfigSource(overrides, "test-overrides", 500))
                .build();
        return config.getConfigMapping(QualificationConfig.class);
    }

    public static QualificationRules rules(Map<String, String> overrides) {
        return QualificationRules.from(config(overrides));
    }

    public static QualificationRules rules() {
        return rules(Map.of());
    }
}
