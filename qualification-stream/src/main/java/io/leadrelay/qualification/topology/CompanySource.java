package io.leadrelay.qualification.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.catalog.Topics;

/** Reads the fixed company source from the global store; an unreadable record counts as not found. */
final class CompanySource {

    private static final Logger LOG = Logger.getLogger(CompanySource.class);

    private final Deserializer<CompanyProfile> deserializer;

    CompanySource(Serde<CompanyProfile> serde) {
        this.deserializer = serde.deserializer();
    }

    CompanyProfile lookup(KeyValueStore<String, byte[]> store, String key) {
        byte[] bytes = store.get(key);
        if (bytes == null) {
            return null;
        }
        try {
            return deserializer.deserialize(Topics.REFERENCE_COMPANIES.name(), bytes);
        } catch (RuntimeException e) {
            LOG.errorf(e, "unreadable company record %s in the company source", key);
            return null;
        }
    }
}
