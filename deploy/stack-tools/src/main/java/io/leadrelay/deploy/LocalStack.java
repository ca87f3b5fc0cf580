package io.leadrelay.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local stack of {@code deploy/local/run.sh}, run as a child process: for end-to-end tests and tools
 * in Java. {@link #start()} returns once run.sh printed its {@code ready} line; {@link #close()} sends it
 * SIGTERM and waits while it stops everything it started.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder(repoRoot).dataDir(tmp).clean(true).start()) {
 *     String bootstrap = stack.kafkaBootstrap();
 *     URI ingest = stack.serviceUrl("ingest-service").orElseThrow();
 * }
 * }</pre>
 *
 * <p>{@link #attach(Path)} gives the same view of a stack somebody else started (e.g. {@code run.sh} in another
 * terminal); closing an attached stack leaves it running.
 */
public final class LocalStack implements AutoCloseable {

    /** null when attached: then this object neither owns nor stops the stack. */
    private final Process process;
    private final Path dataDir;
    private final Path output;
    private final Map<String, String> env;
    private final Duration stopTimeout;
    private final Thread shutdownHook;

    private LocalStack(Process process, Path dataDir, Path output, Map<String, String> env, Duration stopTimeout) {
        this.process = process;
        this.dataDir = dataDir;
        this.output = output;
        this.env = Map.copyOf(env);
        this.stopTimeout = stopTimeout;
        this.shutdownHook = process == null ? null : new Thread(this::stop, "local-stack-stop");
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    public static Builder builder(Path repositoryRoot) {
        return new Builder(repositoryRoot);
    }

    /**
     * A stack that run.sh started elsewhere on this data directory and that is ready (its {@code stack.env}
     * exists). {@link #close()} leaves it running.
     */
    public static LocalStack attach(Path dataDir) throws IOException {
        Path data = dataDir.toAbsolutePath().normalize();
        Path env = data.resolve("stack.env");
        if (!Files.exists(env)) {
            throw new IOException("no running stack in " + data + " (" + env + " is missing; is run.sh ready?)");
        }
        return new LocalStack(null, data, data.resolve("run.out"), Builder.readEnv(env), Duration.ZERO);
    }

    /** The stack's data directory (logs, pids, state). */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * The pid of one process of the stack ({@code broker}, {@code registry}, a service module, {@code demo}) as
     * run.sh recorded it in {@code <data>/pids/<name>.pid}; empty when it is not running. After a restart
     * ({@link Builder#restartOnExit(boolean)}) this is the new process.
     */
    public Optional<Long> pid(String name) {
        Path file = dataDir.resolve("pids").resolve(name + ".pid");
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "";
            return text.isEmpty() ? Optional.empty()
                    : Optional.of(Long.parseLong(text)).filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Everything run.sh wrote to {@code <data>/stack.env}: bootstrap, registry URLs, admin token, service URLs. */
    public Map<String, String> env() {
        return env;
    }

    public String kafkaBootstrap() {
        return env.get("LEADRELAY_KAFKA_BOOTSTRAP");
    }

    /** The registry's native API, e.g. {@code http://127.0.0.1:8088/apis/registry/v3}. */
    public String registryUrl() {
        return env.get("LEADRELAY_REGISTRY_URL");
    }

    public String registryCcompatUrl() {
        return env.get("LEADRELAY_REGISTRY_CCOMPAT_URL");
    }

    public String adminToken() {
        return env.get("LEADRELAY_ADMIN_TOKEN");
    }

    /** The base URL of a started service module ({@code ingest-service}, ...), empty if it was not started. */
    public Optional<URI> serviceUrl(String module) {
        String prefix = module.contains("-") ? module.substring(0, module.indexOf('-')) : module;
        return Optional.ofNullable(env.get("LEADRELAY_" + prefix.toUpperCase(java.util.Locale.ROOT) + "_URL")).map(URI::create);
    }

    /** run.sh's pid (of the owning run.sh process; for an attached stack, the one in {@code <data>/run.pid}). */
    public long pid() {
        if (process != null) {
            return process.pid();
        }
        try {
            return Long.parseLong(Files.readString(dataDir.resolve("run.pid"), StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("no run.pid in " + dataDir, e);
        }
    }

    /** run.sh's output so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return; // attached: not ours to stop
        }
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: run.sh stops what it started, in reverse order
        try {
            if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly(); // its children are then stopped by the next run.sh on this data dir
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Options of {@link LocalStack}; see deploy/README.md for what they mean. */
    public static final class Builder {
        private final Path root;
        private Path dataDir;
        private boolean clean;
        private boolean build = true;
        private boolean demoData = true;
        private boolean restartOnExit;
        private List<String> services;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofMinutes(5);
        private Duration stopTimeout = Duration.ofMinutes(2);

        private Builder(Path root) {
            this.root = root.toAbsolutePath().normalize();
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir.toAbsolutePath().normalize();
            return this;
        }

        public Builder clean(boolean clean) {
            this.clean = clean;
            return this;
        }

        /** false: {@code --no-build}. */
        public Builder build(boolean build) {
            this.build = build;
            return this;
        }

        public Builder demoData(boolean demoData) {
            this.demoData = demoData;
            return this;
        }

        /** true: {@code --restart}, run.sh starts any process of the stack again when it exits (chaos runs). */
        public Builder restartOnExit(boolean restart) {
            this.restartOnExit = restart;
            return this;
        }

        /** Service modules to start; an empty list starts none. Default: all. */
        public Builder services(List<String> services) {
            this.services = List.copyOf(services);
            return this;
        }

        /** A {@code LEADRELAY_*} setting, e.g. {@code LEADRELAY_KAFKA_PORT}. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        public LocalStack start() throws IOException, InterruptedException, TimeoutException {
            Path data = dataDir != null ? dataDir : root.resolve("deploy/local/data");
            Files.createDirectories(data);
            List<String> command = new ArrayList<>(List.of("bash", root.resolve("deploy/local/run.sh").toString(),
                    "--data-dir", data.toString()));
            if (clean) {
                command.add("--clean");
            }
            if (!build) {
                command.add("--no-build");
            }
            if (!demoData) {
                command.add("--no-demo-data");
            }
            if (restartOnExit) {
                command.add("--restart");
            }
            if (services != null) {
                if (services.isEmpty()) {
                    command.add("--no-services");
                } else {
                    command.add("--services");
                    command.add(String.join(",", services));
                }
            }
            Path output = data.resolve("run.out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            // run.sh stops the stack when this JVM dies, even by kill -9, so no test run leaves processes behind.
            builder.environment().put("LEADRELAY_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
            builder.environment().putAll(environment);
            Process process = builder.start();

            long deadline = System.nanoTime() + startTimeout.toNanos();
            while (true) {
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (text.lines().anyMatch(line -> line.startsWith("ready"))) {
                    return new LocalStack(process, data, output, readEnv(data.resolve("stack.env")), stopTimeout);
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("run.sh exited with " + process.exitValue() + " before it was ready:\n" + text);
                }
                if (System.nanoTime() > deadline) {
                    process.destroy();
                    process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
                    throw new TimeoutException("run.sh not ready after " + startTimeout.toSeconds() + " s:\n" + text);
                }
                Thread.sleep(200);
            }
        }

        static Map<String, String> readEnv(Path file) throws IOException {
            Map<String, String> env = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return env;
        }
    }
}
