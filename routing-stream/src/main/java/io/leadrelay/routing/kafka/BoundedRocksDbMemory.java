package io.leadrelay.routing.kafka;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One off-heap memory budget for all of this service's RocksDB stores together. Kafka Streams' default gives every
 * store instance (store × partition) its own 50 MB block cache and up to three 16 MB memtables, so a service with a
 * dozen stores over six partitions grows by hundreds of MB of native memory as data arrives; here block cache,
 * index/filter blocks and memtables of all stores share one LRU cache of {@value #TOTAL_BYTES_KEY} bytes, of which
 * memtables may take {@value #MEMTABLE_BYTES_KEY}. Set through the Kafka Streams configuration
 * ({@code kafka-streams.rocksdb.config.setter}); the sizes are read from it too.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Kafka Streams configuration key: the whole RocksDB budget of the process, in bytes. */
    public static final String TOTAL_BYTES_KEY = "leadrelay.rocksdb.total-bytes";
    /** Kafka Streams configuration key: the part of the budget memtables may use, in bytes. */
    public static final String MEMTABLE_BYTES_KEY = "leadrelay.rocksdb.memtable-bytes";

    static final long DEFAULT_TOTAL_BYTES = 48L << 20;
    static final long DEFAULT_MEMTABLE_BYTES = 16L << 20;
    /** Index and filter blocks get this share of the cache with high priority, so lookups stay cheap when it is full. */
    private static final double INDEX_FILTER_RATIO = 0.1;
    private static final long BLOCK_SIZE = 8L << 10;
    private static final long MEMTABLE_SIZE = 2L << 20;

    /** Shared by every store of the process for its lifetime: stores open and close with rebalances, the budget stays. */
    private static Budget budget;

    record Budget(long totalBytes, long memtableBytes, Cache cache, WriteBufferManager writeBufferManager) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Budget shared = budget(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setWriteBufferManager(shared.writeBufferManager());
        options.setWriteBufferSize(Math.min(MEMTABLE_SIZE, shared.memtableBytes()));
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared across stores and outlive each of them.
    }

    /** The process's budget, made from the first store's configuration (all stores of a process share one). */
    static synchronized Budget budget(Map<String, ?> configs) {
        if (budget == null) {
            long[] sizes = checked(configs);
            Cache cache = new LRUCache(sizes[0], -1, false, INDEX_FILTER_RATIO);
            budget = new Budget(sizes[0], sizes[1], cache, new WriteBufferManager(sizes[1], cache));
        }
        return budget;
    }

    /** The total and memtable sizes the configuration asks for, refused when they cannot work together. */
    static long[] checked(Map<String, ?> configs) {
        long total = bytes(configs, TOTAL_BYTES_KEY, DEFAULT_TOTAL_BYTES);
        long memtables = bytes(configs, MEMTABLE_BYTES_KEY, DEFAULT_MEMTABLE_BYTES);
        if (memtables <= 0 || memtables >= total) {
            throw new IllegalArgumentException(MEMTABLE_BYTES_KEY + " must be positive and below " + TOTAL_BYTES_KEY
                    + " (" + memtables + " of " + total + ")");
        }
        return new long[] {total, memtables};
    }

    private static long bytes(Map<String, ?> configs, String key, long fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of bytes, got '" + value + "'", e);
        }
    }
}
