package io.leadrelay.deploy;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.catalog.RegistrySerdes;

/**
 * Command line of the stack tools; deploy/local/lib.sh runs {@code setup} once broker and registry are up.
 * Run without arguments for the usage.
 */
public final class StackTools {

    static final String USAGE = """
            usage: stack-tools <command> [options]

            commands:
              setup             create-topics, then load-demo-data (waits for broker and registry)
              create-topics     create every catalog topic and dead-letter topic that is missing
              load-demo-data    write demo partners and companies (needs the registry)
              print-demo-data   print the demo records as JSON lines; touches neither Kafka nor the registry

            options:
              --bootstrap HOST:PORT        Kafka bootstrap servers (default 127.0.0.1:9092)
              --registry URL               Apicurio native API (default http://127.0.0.1:8088/apis/registry/v3)
              --replication-factor N       for new topics (default: the broker's default.replication.factor)
              --demo-data if-empty|always|skip
                                           if-empty (default) writes a reference topic only while it is empty
              --companies N                number of demo companies, well-known ones included (default 300)
              --seed N                     seed of the company generator (default 20261127)
              --timeout SECONDS            how long to wait for broker and registry (default 60)
            """;

    private final PrintStream out;

    StackTools(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        ToolLogging.quiet();
        int code;
        try {
            code = new StackTools(System.out).run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("stack-tools: " + e.getMessage());
            System.err.print(USAGE);
            code = 2;
        } catch (Exception e) {
            System.err.println("stack-tools: failed: " + describe(e));
            code = 1;
        }
        System.exit(code);
    }

    int run(String[] args) throws Exception {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Options options = Options.parse(args);
        switch (options.command) {
            case "setup" -> {
                createTopics(options);
                if (options.demoData != null) {
                    waitForRegistry(options.registry, options.timeout);
                    loadDemoData(options);
                }
            }
            case "create-topics" -> createTopics(options);
            case "load-demo-data" -> {
                waitForRegistry(options.registry, options.timeout);
                loadDemoData(options.demoData == null ? options.withDemoData(DemoDataLoader.Mode.IF_EMPTY) : options);
            }
            case "print-demo-data" -> {
                Instant now = Instant.now();
                DemoData.partners(now).forEach(out::println);
                DemoData.companies(options.companies, options.seed, now).forEach(out::println);
            }
            default -> throw new IllegalArgumentException("unknown command: " + options.command);
        }
        return 0;
    }

    private void createTopics(Options options) throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = admin(options)) {
            TopicCreator.Result result = new TopicCreator(admin, options.replicationFactor, options.timeout)
                    .ensure(TopicSpec.catalog());
            out.println(result.summary());
            result.warnings().forEach(warning -> out.println("WARNING: " + warning));
        }
    }

    private void loadDemoData(Options options) throws InterruptedException, ExecutionException, TimeoutException {
        if (options.demoData == null) {
            return;
        }
        Instant now = Instant.now();
        List<PartnerProfile> partners = DemoData.partners(now);
        List<CompanyProfile> companies = DemoData.companies(options.companies, options.seed, now);
        Map<String, Object> producer = new HashMap<>();
        producer.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap);
        try (Admin admin = admin(options)) {
            DemoDataLoader.Result result = new DemoDataLoader(producer, new RegistrySerdes(options.registry),
                    options.timeout).load(admin, partners, companies, options.demoData);
            out.println(result.summary());
        }
    }

    private static Admin admin(Options options) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "leadrelay-stack-tools");
        // Admin calls retry until this runs out, which is how we wait for a broker that is still starting.
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) options.timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(options.timeout.toMillis(), 15_000));
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return Admin.create(config);
    }

    /** Polls {@code <registry>/system/info} until it answers 200. */
    static void waitForRegistry(String registryUrl, Duration timeout) throws InterruptedException, TimeoutException {
        URI uri = URI.create(registryUrl.replaceAll("/+$", "") + "/system/info");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (java.io.IOException e) {
                last = describe(e);
            }
            Thread.sleep(250);
        }
        throw new TimeoutException("registry at " + uri + " not ready after " + timeout.toSeconds() + " s (" + last + ")");
    }

    static String describe(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause.getMessage() == null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Parsed command line. */
    static final class Options {
        String command;
        String bootstrap = "127.0.0.1:9092";
        String registry = "http://127.0.0.1:8088/apis/registry/v3";
        Optional<Short> replicationFactor = Optional.empty();
        DemoDataLoader.Mode demoData = DemoDataLoader.Mode.IF_EMPTY;
        int companies = DemoData.DEFAULT_COMPANY_COUNT;
        long seed = DemoData.DEFAULT_SEED;
        Duration timeout = Duration.ofSeconds(60);

        static Options parse(String[] args) {
            Options options = new Options();
            options.command = args[0];
            for (int i = 1; i < args.length; i++) {
                String name = args[i];
                String value;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value for " + name);
                    }
                    value = args[++i];
                }
                try {
                    switch (name) {
                        case "--bootstrap" -> options.bootstrap = value;
                        case "--registry" -> options.registry = value;
                        case "--replication-factor" -> options.replicationFactor = Optional.of(Short.parseShort(value));
                        case "--demo-data" -> options.demoData = switch (value.toLowerCase(Locale.ROOT)) {
                            case "if-empty" -> DemoDataLoader.Mode.IF_EMPTY;
                            case "always" -> DemoDataLoader.Mode.ALWAYS;
                            case "skip", "never", "none" -> null;
                            default -> throw new IllegalArgumentException("--demo-data takes if-empty, always or skip");
                        };
                        case "--companies" -> options.companies = Integer.parseInt(value);
                        case "--seed" -> options.seed = Long.parseLong(value);
                        case "--timeout" -> options.timeout = Duration.ofSeconds(Long.parseLong(value));
                        default -> throw new IllegalArgumentException("unknown option: " + name);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number for " + name + ": " + value);
                }
            }
            return options;
        }

        Options withDemoData(DemoDataLoader.Mode mode) {
            demoData = mode;
            return this;
        }
    }
}
