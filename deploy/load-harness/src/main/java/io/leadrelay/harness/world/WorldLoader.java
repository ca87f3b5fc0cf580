package io.leadrelay.harness.world;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.leadrelay.deploy.DemoData;
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

    /** A run's reference data as loaded: the partner network, the company source and a token per active partner. */
    public record World(PartnerNetwork network, List<CompanyProfile> companies, Map<String, String> tokens) {
    }

    /** Loads the network and {@code companyCount} generated companies into the stack and issues the partner tokens. */
    public static World load(LocalStack stack, StackApi api, PartnerNetwork network, int companyCount, long seed,
            Instant now) throws Exception {
        List<CompanyProfile> companies = DemoData.companies(companyCount, seed, now);
        load(stack, network.partners(), companies);
        return new World(network, companies, tokens(api, network));
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
