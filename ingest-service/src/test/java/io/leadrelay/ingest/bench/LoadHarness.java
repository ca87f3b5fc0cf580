package io.leadrelay.ingest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.leadrelay.ingest.formats.JsonSubmissions;
import io.leadrelay.ingest.lead.LeadNormaliser;
import io.leadrelay.ingest.lead.NormaliserSettings;
import io.leadrelay.ingest.lead.Origin;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.RawLead;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Load harness: posts leads to a running ingest-service and, in the same run, measures a plain Kafka producer
 * writing the same Avro records to the same broker (the baseline). Reports accepted leads/s at saturation, and
 * p50/p99 acknowledgement latency at a fixed rate.
 *
 * <pre>java -cp ... io.leadrelay.ingest.bench.LoadHarness http://127.0.0.1:8091 127.0.0.1:9092 http://127.0.0.1:8088/apis/registry/v3</pre>
 * or, with the service, broker and registry started in the test JVM: {@code mvn -o test -Pbenchmark}.
 */
public final class LoadHarness {

    /** The figures of one run. */
    public record Result(int concurrency, long saturationLeads, double saturationSeconds, long saturationErrors,
            double saturationP50, double saturationP99, int fixedRate, long fixedLeads, long fixedErrors, double fixedP50,
            double fixedP99, long baselineRecords, double baselineSeconds, String compression, double serviceCpuMsPerLead) {

        public double leadsPerSecond() {
            return saturationLeads / saturationSeconds;
        }

        public double baselinePerSecond() {
            return baselineRecords / baselineSeconds;
        }

        public String markdown() {
            return String.join("\n",
                    "| measurement | figure |",
                    "| --- | --- |",
                    String.format("| raw producer baseline (acks=all, idempotent, compression %s, same Avro RawLead, same broker) | %,.0f records/s (%,d records) |", compression, baselinePerSecond(), baselineRecords),
                    String.format("| ingest-service at saturation (%d concurrent clients, POST /api/v1/leads, 202 after ack) | %,.0f leads/s (%,d leads, %d errors) |", concurrency, leadsPerSecond(), saturationLeads, saturationErrors),
                    String.format("| ratio service / baseline | %.2f |", leadsPerSecond() / baselinePerSecond()),
                    String.format("| ack latency at saturation | p50 %.1f ms, p99 %.1f ms |", saturationP50, saturationP99),
                    Double.isNaN(serviceCpuMsPerLead) ? "| service CPU per lead at saturation | not measured (service in this JVM) |"
                            : String.format("| service CPU per lead at saturation (its own process, all threads) | %.3f ms, i.e. %,.0f leads per CPU-second |",
                                    serviceCpuMsPerLead, 1_000 / serviceCpuMsPerLead),
                    String.format("| ack latency at a fixed %,d leads/s (%,d leads, %d errors) | p50 %.1f ms, p99 %.1f ms |", fixedRate, fixedLeads, fixedErrors, fixedP50, fixedP99));
        }
    }

    /** The contract's example lead, as the service and the baseline both write it. */
    private static final String SAMPLE = """
            {"firstName": "Anna", "lastName": "Schmidt", "email": "anna.schmidt@example-gmbh.de", "phone": "+49 89 1234567",
             "company": "Example GmbH", "website": "example-gmbh.de", "country": "DE", "postalCode": "80538",
             "city": "München", "purchaseDecision": "Q3 2027", "expectedVolume": {"amount": 120000, "currency": "EUR"},
             "currentProduct": "Competitor X", "productInterest": "industrial-printers",
             "message": "Need 40 units for two plants",
             "consent": {"marketing": true, "timestamp": "2026-11-20T09:30:00Z", "text": "newsletter-v3"},
             "source": {"channel": "web-form", "campaign": "autumn-fair", "utm": {"source": "linkedin"}}}""";

    private final URI endpoint;
    private int baselineRecords = 200_000;
    private Duration warmUp = Duration.ofSeconds(5);
    private String compression = "none";
    /** CPU time the service process used so far, when it runs as a process of its own. */
    private LongSupplier serviceCpuNanos;
    private final String bootstrapServers;
    private final String registryUrl;
    /** Daemon threads: the harness must never keep its JVM (or the test fork) alive after the run. */
    private final java.util.concurrent.ExecutorService clientThreads = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "load-harness-http");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(clientThreads).build();

    public LoadHarness(String serviceUrl, String bootstrapServers, String registryUrl) {
        this.endpoint = URI.create(serviceUrl.replaceAll("/$", "") + "/api/v1/leads");
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /** The baseline's size and the producer compression both it and the service use. */
    public LoadHarness baseline(int records, String compressionType) {
        this.baselineRecords = records;
        this.compression = compressionType;
        return this;
    }

    /** How long to saturate the service before measuring (JIT, connections); the first run of a JVM needs 20 s or more. */
    public LoadHarness warmUp(Duration duration) {
        this.warmUp = duration;
        return this;
    }

    /** Reports the service's CPU time per lead at saturation from this source of the process's CPU time. */
    public LoadHarness serviceCpu(LongSupplier cpuNanos) {
        this.serviceCpuNanos = cpuNanos;
        return this;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LoadHarness <service-url> <bootstrap-servers> <registry-url> [concurrency] [seconds] [fixed-rate] [baseline-records] [compression]");
            System.exit(2);
        }
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int rate = args.length > 5 ? Integer.parseInt(args[5]) : 1_000;
        LoadHarness harness = new LoadHarness(args[0], args[1], args[2])
                .baseline(args.length > 6 ? Integer.parseInt(args[6]) : 200_000, args.length > 7 ? args[7] : "none");
        System.out.println(harness.run(concurrency, Duration.ofSeconds(seconds), rate).markdown());
        System.exit(0);
    }

    public Result run(int concurrency, Duration duration, int fixedRate) throws Exception {
        // Warm-up: JIT, schema registration, connections.
        saturate(concurrency, warmUp);
        long[] baseline = baseline(baselineRecords);
        awaitKeyIndexCaughtUp();
        long cpuBefore = serviceCpuNanos == null ? 0 : serviceCpuNanos.getAsLong();
        Measured saturation = saturate(concurrency, duration);
        double cpuMsPerLead = serviceCpuNanos == null || saturation.ok == 0 ? Double.NaN
                : (serviceCpuNanos.getAsLong() - cpuBefore) / 1e6 / saturation.ok;
        Measured fixed = fixedRate(fixedRate, duration.dividedBy(2));
        clientThreads.shutdown();
        return new Result(concurrency, saturation.ok, saturation.seconds, saturation.errors, saturation.p(50), saturation.p(99),
                fixedRate, fixed.ok, fixed.errors, fixed.p(50), fixed.p(99), baseline[0], baseline[1] / 1e9, compression, cpuMsPerLead);
    }

    private record Measured(long ok, long errors, double seconds, long[] latenciesNanos) {
        double p(int percentile) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }
    }

    private HttpRequest request() {
        String body = SAMPLE.replace("anna.schmidt@", "anna." + UUID.randomUUID().toString().substring(0, 8) + "@");
        return HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Closed loop: {@code concurrency} requests always in flight. */
    private Measured saturate(int concurrency, Duration duration) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        while (System.nanoTime() < end) {
            inFlight.acquire();
            long sent = System.nanoTime();
            http.sendAsync(request(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error == null && response.statusCode() == 202) {
                    ok.incrementAndGet();
                    latencies.add(System.nanoTime() - sent);
                } else {
                    errors.incrementAndGet();
                }
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Measured(ok.get(), errors.get(), seconds, latencies.stream().mapToLong(Long::longValue).toArray());
    }

    /** Open loop: one request every 1/rate s, latency measured from when it was due (no coordinated omission). */
    private Measured fixedRate(int rate, Duration duration) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "load-harness-ticker");
            thread.setDaemon(true);
            return thread;
        });
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long total = rate * duration.toSeconds();
        AtomicInteger issued = new AtomicInteger();
        List<CompletableFuture<?>> pending = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            // Catch up on every request that fell due since the last tick.
            while (issued.get() < total && start + issued.get() * periodNanos <= now) {
                long due = start + issued.getAndIncrement() * periodNanos;
                pending.add(http.sendAsync(request(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    if (error == null && response.statusCode() == 202) {
                        ok.incrementAndGet();
                        latencies.add(System.nanoTime() - due);
                    } else {
                        errors.incrementAndGet();
                    }
                }));
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        while (issued.get() < total) {
            Thread.sleep(50);
        }
        ticker.shutdown();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Measured(ok.get(), errors.get(), seconds, latencies.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * Every instance's idempotency index reads all of {@code leads.raw}, the baseline's records too; a keyed request is
     * answered only once the index has caught up, so after one 202 the saturation run measures the service's own load.
     */
    private void awaitKeyIndexCaughtUp() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            HttpRequest keyed = HttpRequest.newBuilder(request(), (name, value) -> true)
                    .header("Idempotency-Key", "harness-" + UUID.randomUUID()).build();
            if (http.send(keyed, HttpResponse.BodyHandlers.discarding()).statusCode() == 202) {
                return;
            }
        }
        throw new IllegalStateException("the service's idempotency index did not catch up with the baseline's records");
    }

    /** Plain producer, same settings the service uses, same Avro record: {records, nanos}. */
    private long[] baseline(int records) throws Exception {
        LeadNormaliser normaliser = new LeadNormaliser(NormaliserSettings.defaults(), java.time.Clock.systemUTC());
        LeadProfile profile = normaliser.normalise(JsonSubmissions.fromObject(
                JsonSubmissions.parse(SAMPLE.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                Origin.of("api", null)).profile();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        var serde = Topics.LEADS_RAW.valueSerde(new RegistrySerdes(registryUrl));
        try (KafkaProducer<String, RawLead> producer = new KafkaProducer<>(props, Topics.LEADS_RAW.keySerde().serializer(),
                serde.serializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                String id = UUID.randomUUID().toString();
                RawLead lead = new RawLead(id, Instant.now(), profile, "application/json", SAMPLE);
                producer.send(new ProducerRecord<>(Topics.LEADS_RAW.name(), id, lead));
            }
            producer.flush();
            return new long[] {records, System.nanoTime() - start};
        }
    }
}
