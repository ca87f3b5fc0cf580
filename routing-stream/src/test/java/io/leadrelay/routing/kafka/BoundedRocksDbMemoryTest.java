package io.leadrelay.routing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedRocksDbMemoryTest {

    @TempDir
    Path stateDir;

    @Test
    void twoStoresShareOneBudgetAndStillKeepEveryRecord() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        for (String name : new String[] {"first", "second"}) {
            builder.table("in-" + name, Consumed.with(Serdes.String(), Serdes.String()),
                    Materialized.<String, String>as(Stores.persistentKeyValueStore("store-" + name)));
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounded-rocksdb-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir).toString());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        String value = "x".repeat(1024);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            for (String name : new String[] {"first", "second"}) {
                TestInputTopic<String, String> in = driver.createInputTopic("in-" + name,
                        Serdes.String().serializer(), Serdes.String().serializer());
                for (int i = 0; i < 200; i++) {
                    in.pipeInput("lead-" + i, value);
                }
            }
            BoundedRocksDbMemory.Budget budget = BoundedRocksDbMemory.budget(Map.of());
            for (String name : new String[] {"first", "second"}) {
                KeyValueStore<String, String> store = driver.getKeyValueStore("store-" + name);
                assertThat(store.approximateNumEntries()).isGreaterThan(0);
                assertThat(store.get("lead-0")).isEqualTo(value);
                assertThat(store.get("lead-199")).isEqualTo(value);
            }
            // Both stores charge their memtables and blocks to the one shared cache, inside its capacity.
            assertThat(budget.cache().getUsage()).isPositive().isLessThanOrEqualTo(budget.totalBytes());
        }
    }

    @Test
    void refusesAMemtableShareThatDoesNotFitTheBudget() {
        assertThatThrownBy(() -> BoundedRocksDbMemory.checked(Map.of(BoundedRocksDbMemory.TOTAL_BYTES_KEY, "1000",
                BoundedRocksDbMemory.MEMTABLE_BYTES_KEY, "2000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(BoundedRocksDbMemory.MEMTABLE_BYTES_KEY);
        assertThatThrownBy(() -> BoundedRocksDbMemory.checked(Map.of(BoundedRocksDbMemory.TOTAL_BYTES_KEY, "lots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("number of bytes");
    }
}
