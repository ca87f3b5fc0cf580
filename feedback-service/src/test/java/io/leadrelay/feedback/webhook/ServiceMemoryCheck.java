package io.leadrelay.feedback.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.leadrelay.testsupport.EmbeddedKafka;
import io.leadrelay.testsupport.EmbeddedRegistry;

/**
 * The packaged service ({@code target/quarkus-app}) in its own JVM with the recommended options, against a real
 * broker and registry: loads the records of N open leads (every lead assigned to and accepted by one of 200
 * partners, a third offered to two more partners first), waits until partners' inboxes show them, reads inboxes
 * for a while, and reports the service's peak RSS, heap after a full GC and CPU seconds per 1,000 records.
 *
 * <p>{@code mvn -o -q package -DskipTests && mvn -o -q exec:exec -Pmemory-check [-Dbench.open-leads=20000]}
 */
public final class ServiceMemoryCheck {

    private static final Pattern INBOX_ITEM = Pattern.compile("\"leadId\"");

    public static void main(String[] args) throws Exception {
        int leads = Integer.getInteger("bench.open-leads", 20_000);
        String serviceJvm = System.getProperty("bench.service-jvm", "-Xmx160m -XX:+UseSerialGC");
        EmbeddedKafka kafka = EmbeddedKafka.start();
        kafka.createCatalogTopics();
        EmbeddedRegistry registry = EmbeddedRegistry.start();
        Process service = null;
        try {
            String admin = "memory-check-" + UUID.randomUUID();
            int port = io.leadrelay.testsupport.FreePorts.next();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(serviceJvm.trim().split("\\s+")));
            command.addAll(List.of("-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                    "-Dleadrelay.registry.url=" + registry.registryUrl(), "-Dquarkus.http.port=" + port,
                    "-Dquarkus.log.level=INFO", "-jar", "target/quarkus-app/quarkus-run.jar"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "memory-check-service.log").toFile());
            builder.environment().put("LEADRELAY_ADMIN_TOKEN", admin);
            String arenas = System.getProperty("bench.malloc-arena-max", "");
            if (!arenas.isBlank()) {
                builder.environment().put("MALLOC_ARENA_MAX", arenas);
            }
            service = builder.start();
            long pid = service.pid();
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            await("service ready", Duration.ofMinutes(4), () -> status(http, base + "/q/health/ready", null) == 200);
            System.out.printf(Locale.ROOT, "service ready, RSS %d MB; loading %,d open leads%n", rssKb(pid) / 1024, leads);

            long rssAfterStart = rssKb(pid);
            FeedReplayBenchmark.Feed feed = new FeedReplayBenchmark(registry.registryUrl()).feed(leads);
            Set<String> partners = new TreeSet<>();
            for (ConsumerRecord<String, byte[]> record : feed.assignments()) {
                partners.add(new String(record.headers().lastHeader("partner-id").value(), StandardCharsets.UTF_8));
            }
            long cpuBefore = cpuTicks(pid);
            Instant loadStart = Instant.now();
            try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
                for (List<ConsumerRecord<String, byte[]>> topic : List.of(feed.mql(), feed.lifecycle(), feed.assignments())) {
                    for (ConsumerRecord<String, byte[]> r : topic) {
                        producer.send(new ProducerRecord<>(r.topic(), null, r.key(), r.value(), r.headers()));
                    }
                }
                producer.flush();
            }
            // Every lead ends ACCEPTED by its partner: the partners' inboxes together hold all of them.
            Map<String, String> tokens = new HashMap<>();
            for (String partner : partners) {
                String answer = send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/partners/" + partner
                        + "/tokens")).header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
                Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer);
                if (!token.find()) {
                    throw new IllegalStateException("no token issued: " + answer);
                }
                tokens.put(partner, token.group(1));
            }
            // Polled every 2 s: the polls are part of the service's CPU figure below.
            await("inboxes hold every lead", Duration.ofMinutes(5), () -> {
                long held = 0;
                for (var partner : tokens.entrySet()) {
                    held += INBOX_ITEM.matcher(send(http, inbox(base, partner.getValue()))).results().count();
                }
                return held == leads;
            });
            Duration loaded = Duration.between(loadStart, Instant.now());
            long cpuLoad = cpuTicks(pid) - cpuBefore;
            // Partners reading their inboxes for a while.
            Instant readUntil = Instant.now().plusSeconds(20);
            long reads = 0;
            while (Instant.now().isBefore(readUntil)) {
                for (String token : tokens.values()) {
                    send(http, inbox(base, token));
                    reads++;
                }
            }
            String heap = jcmd(pid, "GC.run") + jcmd(pid, "GC.heap_info");
            if (serviceJvm.contains("NativeMemoryTracking")) {
                heap += jcmd(pid, "VM.native_memory summary").lines()
                        .filter(l -> l.startsWith("Total") || l.startsWith("-")).reduce("", (a, b) -> a + b + "\n");
            }
            long ticksPerSecond = 100;
            String report = String.format(Locale.ROOT, """
                    Service JVM options: %s (MALLOC_ARENA_MAX=%s)
                    Open leads: %,d (%,d records: %,d assignment, %,d lifecycle, %,d mql), %d partners
                    Loaded and applied in %.1f s; service CPU while loading: %.2f s = %.1f ms per 1,000 records
                    Inbox reads afterwards: %,d in 20 s
                    RSS: %d MB after start, peak (VmHWM) %d MB, now %d MB; %d threads
                    Heap after a full GC:
                    %s
                    """, serviceJvm, arenas.isBlank() ? "unset" : arenas, leads, feed.size(), feed.assignments().size(), feed.lifecycle().size(),
                    feed.mql().size(), tokens.size(), loaded.toMillis() / 1000.0, cpuLoad / (double) ticksPerSecond,
                    cpuLoad * 1000.0 / ticksPerSecond / feed.size() * 1000, reads, rssAfterStart / 1024,
                    hwmKb(pid) / 1024, rssKb(pid) / 1024, statusField(pid, "Threads"), heap.strip());
            System.out.println(report);
            Files.writeString(Path.of("target", "memory-check.md"), report);
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor();
            }
            registry.stop();
            kafka.stop();
        }
    }

    private static HttpRequest inbox(String base, String token) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/partner/leads")).header("Authorization", "Bearer " + token)
                .GET().build();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static String send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int status(HttpClient http, String url, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Duration timeout, Condition condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not within " + timeout + ": " + what);
            }
            Thread.sleep(2000);
        }
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    static long rssKb(long pid) {
        return statusField(pid, "VmRSS");
    }

    static long hwmKb(long pid) {
        return statusField(pid, "VmHWM");
    }

    /** utime + stime of the process, in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return out.lines().filter(l -> !l.matches("\\d+:")).reduce("", (a, b) -> a + b + "\n");
    }
}
