package io.leadrelay.harness.world;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.leadrelay.deploy.DemoDataLoader;
import io.leadrelay.deploy.LocalStack;
import io.leadrelay.harness.drive.StackApi;
import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.catalog.RegistrySerdes;

/**
 * Puts a run's reference data into the stack: partners and companies written to the reference topics in bulk (as
 * an address-broker import would), and an API token per active partner issued through the admin API.
 */
public final class WorldLoader {

    private WorldLoader() {
    }

    public static void load(LocalStack stack, List<PartnerProfile> partners, List<CompanyProfile> companies)
            throws Exception {
        Map<String, Object> producer = new HashMap<>();
        producer.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        producer.put(CommonClientConfigs.CLIENT_ID_CONFIG, "leadrelay-harness-world");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            new DemoDataLoader(producer, new RegistrySerdes(stack.registryUrl()), Duration.ofMinutes(1))
                    .load(admin, partners, companies, DemoDataLoader.Mode.ALWAYS);
        }
    }

    /** A partner API token for every active partner of the network. */
    public static Map<String, String> tokens(StackApi api, PartnerNetwork network) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (PartnerProfile partner : network.active()) {
            tokens.put(partner.getPartnerId(), api.partnerToken(partner.getPartnerId()));
        }
        return tokens;
    }
}
