package io.leadrelay.harness;

import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.leadrelay.deploy.DemoData;
import io.leadrelay.deploy.LocalStack;
import io.leadrelay.deploy.ToolLogging;
import io.leadrelay.harness.chaos.ChaosRun;
import io.leadrelay.harness.demo.Demo;
import io.leadrelay.harness.load.LoadRun;
import io.leadrelay.harness.load.Report;

/** Command line of the load harness; deploy/local/harness.sh runs it, run.sh --demo runs {@code demo}. */
public final class Harness {

    static final String USAGE = """
            usage: harness <command> [options]

            commands:
              load     end-to-end load benchmark with a same-run baseline; report in deploy/load-harness/target/
              chaos    kill -9 every process in turn while leads flow; audit the topics; poison pills
              demo     demo traffic against a running stack (run.sh --demo starts it)

            options:
              --attach DIR        use the stack run.sh runs on data directory DIR (load, demo); default for load
                                  and chaos: start a fresh stack on free ports in deploy/load-harness/target/<command>-stack
              --leads N           leads to measure (load: 20000) or drive (chaos: 20000)
              --rate R            leads per second; 0 = as fast as the API answers (load: 0, chaos: 50, demo: 2)
              --warmup N          leads before the measurement (load: 2000)
              --in-flight N       submissions in flight at most (load: 64)
              --partners N        generated partners (load: 200, chaos: 60)
              --settle-minutes N  chaos: longest wait for the pipeline to go quiet after the last lead (20)
              --companies N       companies (load: 5000, chaos: 1000, demo: 300)
              --seed N            seed of everything generated (20261127)
              --no-baseline       load without the baseline
              --jfr               load: record every service with Java Flight Recorder (settings=profile); the
                                  recordings are <data>/services/<module>/recording.jfr once the stack stopped
              --service-opts "O"  load: further JVM options / -D settings for every service of a fresh stack, e.g.
                                  "-Dkafka-streams.commit.interval.ms=500"
              --out DIR           where load writes load-report.md and load-report.csv (deploy/load-harness/target)
            """;

    private Harness() {
    }

    public static void main(String[] args) throws Exception {
        ToolLogging.quiet();
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--no-baseline") || name.equals("--jfr")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                System.err.println("harness: missing value for " + name);
                System.exit(2);
            }
        }
        PrintStream out = System.out;
        long seed = Long.parseLong(options.getOrDefault("--seed", Long.toString(DemoData.DEFAULT_SEED)));
        int code = switch (args[0]) {
            case "load" -> {
                LoadRun.Options load = new LoadRun.Options(
                        Long.parseLong(options.getOrDefault("--leads", "20000")),
                        Double.parseDouble(options.getOrDefault("--rate", "0")),
                        Long.parseLong(options.getOrDefault("--warmup", "2000")),
                        Integer.parseInt(options.getOrDefault("--in-flight", "64")),
                        Integer.parseInt(options.getOrDefault("--partners", "200")),
                        Integer.parseInt(options.getOrDefault("--companies", "5000")), seed, Duration.ofSeconds(60),
                        !options.containsKey("--no-baseline"));
                List<String> serviceOptions = new java.util.ArrayList<>();
                if (options.containsKey("--jfr")) {
                    serviceOptions.add("-XX:StartFlightRecording:filename=recording.jfr,settings=profile,dumponexit=true");
                }
                if (options.containsKey("--service-opts")) {
                    serviceOptions.addAll(List.of(options.get("--service-opts").trim().split("\\s+")));
                }
                Path root = root();
                try (LocalStack stack = stack(root, options, "load-stack", false, serviceOptions)) {
                    Report report = new LoadRun(stack, load, out).run();
                    Path dir = Path.of(options.getOrDefault("--out", root.resolve("deploy/load-harness/target").toString()));
                    String command = "deploy/local/harness.sh " + String.join(" ", args);
                    out.println();
                    out.println(report.markdown(command));
                    report.write(dir, command).forEach(p -> out.println("written: " + p));
                }
                yield 0;
            }
            case "chaos" -> {
                ChaosRun.Options chaos = new ChaosRun.Options(
                        Long.parseLong(options.getOrDefault("--leads", "20000")),
                        Double.parseDouble(options.getOrDefault("--rate", "50")),
                        Integer.parseInt(options.getOrDefault("--partners", "60")),
                        Integer.parseInt(options.getOrDefault("--companies", "1000")), seed, Duration.ofSeconds(15),
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(Long.parseLong(options.getOrDefault("--settle-minutes", "20"))));
                try (LocalStack stack = stack(root(), options, "chaos-stack", true, ChaosRun.serviceOptions())) {
                    yield new ChaosRun(stack, chaos, out).run().passed() ? 0 : 1;
                }
            }
            case "demo" -> {
                if (!options.containsKey("--attach")) {
                    System.err.println("harness: demo needs --attach DIR (run.sh --demo does that)");
                    yield 2;
                }
                new Demo(LocalStack.attach(Path.of(options.get("--attach"))),
                        Double.parseDouble(options.getOrDefault("--rate", "2")),
                        Integer.parseInt(options.getOrDefault("--companies", Integer.toString(DemoData.DEFAULT_COMPANY_COUNT))),
                        seed, out).run();
                yield 0;
            }
            default -> {
                System.err.print("harness: unknown command " + args[0] + "\n" + USAGE);
                yield 2;
            }
        };
        System.exit(code);
    }

    /** The stack to measure: attached, or a fresh one on free ports. */
    static LocalStack stack(Path root, Map<String, String> options, String dirName, boolean restart,
            List<String> serviceOptions) throws Exception {
        if (options.containsKey("--attach")) {
            return LocalStack.attach(Path.of(options.get("--attach")));
        }
        return freshStack(root, root.resolve("deploy/load-harness/target").resolve(dirName), restart, serviceOptions).start();
    }

    /**
     * A stack on free ports, from empty data, without demo data (each run brings its own world), with the broker
     * JIT-compiling fully (the local default stops at C1 to start faster).
     */
    public static LocalStack.Builder freshStack(Path root, Path dataDir, boolean restart, List<String> serviceOptions)
            throws Exception {
        LocalStack.Builder builder = LocalStack.builder(root).dataDir(dataDir).clean(true).build(false).demoData(false)
                .restartOnExit(restart).startTimeout(Duration.ofMinutes(5))
                .env("LEADRELAY_BROKER_JAVA_OPTS", "-Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20")
                .env("LEADRELAY_SERVICE_JAVA_OPTS", String.join(" ", serviceOptions))
                .env("LEADRELAY_ADMIN_TOKEN", "harness-" + java.util.UUID.randomUUID());
        for (String port : List.of("KAFKA", "CONTROLLER", "REGISTRY", "REGISTRY_MANAGEMENT", "INGEST", "QUALIFICATION",
                "ROUTING", "FEEDBACK")) {
            builder.env("LEADRELAY_" + port + "_PORT", Integer.toString(freePort()));
        }
        return builder;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The repository root: {@code -Dleadrelay.root}, else the first directory upwards with deploy/local/run.sh. */
    public static Path root() {
        String configured = System.getProperty("leadrelay.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("deploy/local/run.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside a Leadrelay checkout (no deploy/local/run.sh upwards); set -Dleadrelay.root");
    }
}
