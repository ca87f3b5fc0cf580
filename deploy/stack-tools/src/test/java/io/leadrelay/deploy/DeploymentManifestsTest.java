package io.leadrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.kafka.common.utils.AppInfoParser;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Static check of the container images (deploy/container), Docker Compose (deploy/compose) and Kubernetes manifests
 * (deploy/kubernetes): nothing here can run them (no Docker engine, no cluster), so this test holds them against what a
 * deployment needs and against the local stack they mirror (deploy/local/lib.sh, the root pom, the topic catalog).
 * Plain file parsing: well under a second.
 */
class DeploymentManifestsTest {

    /** The contract's service ports (CONTRACT.md, "Local stack ports"). */
    static final Map<String, Integer> CONTRACT_PORTS = orderedMap("ingest-service", 8091, "qualification-stream", 8092,
            "routing-stream", 8093, "feedback-service", 8094);
    static final int CONTRACT_KAFKA_PORT = 9092;
    static final int CONTRACT_REGISTRY_PORT = 8088;

    /** Names of settings whose values are secrets: never a literal in a committed file. */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|API_KEY).*");
    /** Settings every service gets (lib.sh: -Dkafka.bootstrap.servers, -Dmp.messaging...registry.url, ...). */
    static final List<String> SERVICE_SETTINGS = List.of("KAFKA_BOOTSTRAP_SERVERS",
            "MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_APICURIO_REGISTRY_URL", "LEADRELAY_REGISTRY_URL", "LEADRELAY_STATE_DIR",
            "LEADRELAY_ADMIN_TOKEN", "QUARKUS_HTTP_HOST", "QUARKUS_HTTP_PORT");
    /** ... and a Kafka Streams service in addition. */
    static final List<String> STREAMS_SETTINGS = List.of("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", "KAFKA_STREAMS_STATE_DIR",
            "QUARKUS_KAFKA_STREAMS_APPLICATION_SERVER");
    /** lib.sh's server.properties keys that name this machine's hosts, ports and paths: the containers have their own. */
    static final Set<String> BROKER_KEYS_PER_ENVIRONMENT = Set.of("controller.quorum.voters", "listeners",
            "advertised.listeners", "listener.security.protocol.map", "inter.broker.listener.name", "log.dirs");
    static final String REGISTRY_API_PATH = "/apis/registry/v3";

    static Path root;
    static Path deploy;
    static LibSh lib;
    static Map<String, Object> compose;
    static Map<String, Map<String, Object>> composeServices;
    static Dockerfile serviceDockerfile;
    static Dockerfile toolsDockerfile;
    static K8s k8s;
    static Set<String> streamsModules;

    @BeforeAll
    static void load() throws Exception {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        root = module.getParent().getParent();
        assertThat(root.resolve("pom.xml")).content().contains("<artifactId>leadrelay-parent</artifactId>");
        deploy = root.resolve("deploy");
        lib = new LibSh(Files.readString(deploy.resolve("local/lib.sh")));
        compose = map(loadOne(deploy.resolve("compose/compose.yaml")), "compose.yaml");
        composeServices = new LinkedHashMap<>();
        map(compose.get("services"), "services").forEach((name, service) -> composeServices.put(name, map(service, name)));
        serviceDockerfile = new Dockerfile(deploy.resolve("container/Dockerfile"));
        toolsDockerfile = new Dockerfile(deploy.resolve("container/Dockerfile.stack-tools"));
        k8s = new K8s(deploy.resolve("kubernetes"));
        streamsModules = new LinkedHashSet<>();
        for (String m : CONTRACT_PORTS.keySet()) {
            if (Files.readString(root.resolve(m).resolve("pom.xml")).contains("<artifactId>quarkus-kafka-streams</artifactId>")) {
                streamsModules.add(m);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the local stack

    @Test
    void theContractServicesAndPortsAreTheLocalStacks() {
        assertThat(lib.services).as("LR_SERVICES_ALL in lib.sh").containsExactlyElementsOf(CONTRACT_PORTS.keySet());
        CONTRACT_PORTS.forEach((m, port) -> assertThat(lib.servicePort(m)).as("lib.sh port of " + m).isEqualTo(port));
        assertThat(streamsModules).as("modules with quarkus-kafka-streams").containsExactlyInAnyOrder("qualification-stream",
                "routing-stream");
    }

    // ------------------------------------------------------------------------------------------ images

    @Test
    void serviceImageIsTheQuarkusFastJarWithLibShsMemoryBudget() {
        SoftAssertions soft = new SoftAssertions();
        Dockerfile d = serviceDockerfile;
        soft.assertThat(d.from).as("base image").isEqualTo("eclipse-temurin:17-jre");
        soft.assertThat(d.args).as("ARG").contains("MODULE");
        for (String part : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            soft.assertThat(d.copySources()).as("COPY of the fast-jar's " + part).contains("${MODULE}/target/quarkus-app/" + part);
        }
        soft.assertThat(d.env.get("JAVA_OPTS")).as("JAVA_OPTS = lib.sh LR_SERVICE_MEMORY_OPTS").isEqualTo(lib.serviceMemoryOpts);
        soft.assertThat(d.env.get("MALLOC_ARENA_MAX")).as("MALLOC_ARENA_MAX = lib.sh LR_SERVICE_MALLOC_ARENA_MAX")
                .isEqualTo(lib.serviceMallocArenaMax);
        soft.assertThat(d.env.get("QUARKUS_HTTP_HOST")).as("the services bind 127.0.0.1 by default").isEqualTo("0.0.0.0");
        soft.assertThat(d.uid()).as("USER: numeric, not root").isPositive();
        soft.assertThat(d.entrypoint).as("ENTRYPOINT").contains("$JAVA_OPTS", "/deployments/quarkus-run.jar");
        for (String m : CONTRACT_PORTS.keySet()) {
            for (String source : d.copySources()) {
                String path = source.replace("${MODULE}", m);
                soft.assertThat(d.ignore.excludes(path)).as(path + " is sent in the build context (Dockerfile.dockerignore)")
                        .isFalse();
            }
        }
        soft.assertAll();
    }

    @Test
    void stackToolsImageRunsTheToolsFromTheirPackagedLayout() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        Dockerfile d = toolsDockerfile;
        soft.assertThat(d.from).isEqualTo(serviceDockerfile.from);
        soft.assertThat(d.uid()).as("USER").isEqualTo(serviceDockerfile.uid());
        soft.assertThat(d.entrypoint).as("ENTRYPOINT runs the CLI").contains(StackTools.class.getName());
        soft.assertThat(d.env.get("JAVA_OPTS")).as("JAVA_OPTS = lib.sh LR_TOOLS_JAVA_OPTS").isEqualTo(lib.toolsJavaOpts);
        soft.assertThat(d.copySources()).contains("deploy/stack-tools/target/classes/", "deploy/stack-tools/target/lib/");
        for (String source : d.copySources()) {
            soft.assertThat(d.ignore.excludes(source)).as(source + " is sent in the build context").isFalse();
        }
        // The pom must produce target/lib at package time.
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(deploy.resolve("stack-tools/pom.xml").toFile());
        List<String> copyDirs = new ArrayList<>();
        NodeList executions = pom.getElementsByTagName("execution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element e = (Element) executions.item(i);
            if (text(e, "goal").contains("copy-dependencies") && text(e, "phase").contains("package")) {
                copyDirs.addAll(text(e, "outputDirectory"));
            }
        }
        soft.assertThat(copyDirs).as("copy-dependencies at package time into target/lib")
                .contains("${project.build.directory}/lib");
        soft.assertAll();
    }

    // ------------------------------------------------------------------------------------------ compose

    @Test
    void composeRunsEveryServiceOnItsContractPortWithWhatLibShGivesIt() {
        SoftAssertions soft = new SoftAssertions();
        String bootstrap = composeInternalBootstrap();
        String registryUrl = composeInternalRegistryUrl();
        Map<String, String> namedVolumes = new TreeMap<>();
        map(compose.getOrDefault("volumes", Map.of()), "volumes").keySet().forEach(v -> namedVolumes.put(v, v));
        for (var entry : CONTRACT_PORTS.entrySet()) {
            String m = entry.getKey();
            int port = entry.getValue();
            Map<String, Object> s = composeServices.get(m);
            soft.assertThat(s).as("compose service " + m).isNotNull();
            if (s == null) {
                continue;
            }
            String where = "compose " + m + ": ";
            soft.assertThat(composePorts(s)).as(where + "ports").contains("127.0.0.1:" + port + ":" + port);
            Map<String, String> env = composeEnv(s);
            for (String key : SERVICE_SETTINGS) {
                soft.assertThat(env).as(where + "environment").containsKey(key);
            }
            soft.assertThat(env.get("QUARKUS_HTTP_HOST")).as(where + "QUARKUS_HTTP_HOST").isEqualTo("0.0.0.0");
            soft.assertThat(env.get("QUARKUS_HTTP_PORT")).as(where + "QUARKUS_HTTP_PORT").isEqualTo(String.valueOf(port));
            soft.assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as(where + "bootstrap").isEqualTo(bootstrap);
            soft.assertThat(env.get("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_APICURIO_REGISTRY_URL")).as(where + "serde registry")
                    .isEqualTo(registryUrl);
            soft.assertThat(env.get("LEADRELAY_REGISTRY_URL")).as(where + "registry").isEqualTo(registryUrl);
            Map<String, String> mounts = composeMounts(s);
            soft.assertThat(mountedOn(env.get("LEADRELAY_STATE_DIR"), mounts)).as(where + "LEADRELAY_STATE_DIR on a volume")
                    .isNotNull();
            if (streamsModules.contains(m)) {
                for (String key : STREAMS_SETTINGS) {
                    soft.assertThat(env).as(where + "environment of a streams service").containsKey(key);
                }
                soft.assertThat(env.get("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS")).as(where + "streams bootstrap")
                        .isEqualTo(bootstrap);
                soft.assertThat(env.get("QUARKUS_KAFKA_STREAMS_APPLICATION_SERVER")).as(where + "application.server")
                        .isEqualTo(m + ":" + port);
                String volume = mountedOn(env.get("KAFKA_STREAMS_STATE_DIR"), mounts);
                soft.assertThat(volume).as(where + "KAFKA_STREAMS_STATE_DIR on a named (persistent) volume")
                        .isIn(namedVolumes.keySet());
            }
            soft.assertThat(healthcheck(s)).as(where + "healthcheck")
                    .containsPattern("http://(127\\.0\\.0\\.1|localhost):" + port + "/q/health/ready");
            Map<String, String> dependsOn = dependsOn(s);
            soft.assertThat(dependsOn).as(where + "depends_on").containsEntry("kafka", "service_healthy")
                    .containsEntry("registry", "service_healthy").containsEntry("topics", "service_completed_successfully");
            Map<String, Object> build = map(s.getOrDefault("build", Map.of()), where + "build");
            soft.assertThat(composeBuildRoot(build)).as(where + "build.context is the repository root").isEqualTo(root);
            soft.assertThat(build.get("dockerfile")).as(where + "build.dockerfile").isEqualTo("deploy/container/Dockerfile");
            soft.assertThat(map(build.getOrDefault("args", Map.of()), "args")).as(where + "build.args")
                    .containsEntry("MODULE", m);
            soft.assertThat(sizeBytes(String.valueOf(s.get("mem_limit")))).as(where + "mem_limit fits the memory budget")
                    .isGreaterThanOrEqualTo(memoryFloor());
            soft.assertThat(env.getOrDefault("JAVA_OPTS", lib.serviceMemoryOpts)).as(where + "JAVA_OPTS, if set")
                    .isEqualTo(lib.serviceMemoryOpts);
        }
        for (String needed : List.of("kafka", "registry", "topics")) {
            soft.assertThat(composeServices).as("compose services").containsKey(needed);
        }
        soft.assertThat(healthcheck(composeServices.get("kafka"))).as("kafka healthcheck").isNotBlank();
        soft.assertThat(healthcheck(composeServices.get("registry"))).as("registry healthcheck").contains("/health/ready");
        soft.assertAll();
    }

    @Test
    void composeBrokerIsLibShsSingleNodeBrokerOnTheClientsKafkaVersion() {
        SoftAssertions soft = new SoftAssertions();
        Map<String, Object> kafka = composeServices.get("kafka");
        soft.assertThat(imageTag(image(kafka))).as("compose kafka image tag = Kafka clients on the classpath")
                .isEqualTo(AppInfoParser.getVersion());
        soft.assertThat(imageRepository(image(kafka))).isEqualTo("apache/kafka");
        soft.assertThat(composePorts(kafka)).as("kafka ports").contains("127.0.0.1:" + CONTRACT_KAFKA_PORT + ":" + CONTRACT_KAFKA_PORT);
        Map<String, String> env = composeEnv(kafka);
        checkBrokerSettings(soft, "compose kafka", env);
        soft.assertThat(mountedOn(env.get("KAFKA_LOG_DIRS"), composeMounts(kafka))).as("compose kafka: log dirs on a named volume")
                .isIn(map(compose.get("volumes"), "volumes").keySet());
        soft.assertAll();
    }

    @Test
    void composeRegistryIsApicurioWithPersistentStorage() {
        SoftAssertions soft = new SoftAssertions();
        Map<String, Object> registry = composeServices.get("registry");
        checkRegistry(soft, "compose registry", image(registry), composeEnv(registry), composeMounts(registry),
                map(compose.get("volumes"), "volumes").keySet());
        soft.assertThat(composePorts(registry).stream().map(p -> p.split(":")).filter(p -> p.length == 3)
                .anyMatch(p -> p[0].equals("127.0.0.1") && p[1].equals(String.valueOf(CONTRACT_REGISTRY_PORT))))
                .as("registry published on 127.0.0.1:" + CONTRACT_REGISTRY_PORT).isTrue();
        soft.assertAll();
    }

    @Test
    void composeCreatesTopicsFromTheCatalogWithTheStackTools() {
        SoftAssertions soft = new SoftAssertions();
        Map<String, Object> topics = composeServices.get("topics");
        Map<String, Object> build = map(topics.getOrDefault("build", Map.of()), "topics build");
        soft.assertThat(composeBuildRoot(build)).as("topics build.context").isEqualTo(root);
        soft.assertThat(build.get("dockerfile")).isEqualTo("deploy/container/Dockerfile.stack-tools");
        List<String> command = list(topics.get("command"), "topics command").stream().map(o -> interpolate(String.valueOf(o)))
                .toList();
        StackTools.Options options = StackTools.Options.parse(command.toArray(String[]::new));
        soft.assertThat(options.command).as("stack-tools command").isIn("setup", "create-topics");
        soft.assertThat(options.bootstrap).as("stack-tools --bootstrap").isEqualTo(composeInternalBootstrap());
        soft.assertThat(options.registry).as("stack-tools --registry").isEqualTo(composeInternalRegistryUrl());
        soft.assertThat(dependsOn(topics)).containsEntry("kafka", "service_healthy");
        soft.assertAll();
    }

    // ------------------------------------------------------------------------------------------ kubernetes

    @Test
    void kustomizationsReferenceExistingFilesAndEveryManifest() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(k8s.problems).as("kustomization problems").isEmpty();
        try (Stream<Path> files = Files.walk(k8s.dir)) {
            List<Path> manifests = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.getFileName().toString().startsWith("kustomization.")).toList();
            for (Path p : manifests) {
                soft.assertThat(k8s.included).as("included by a kustomization under deploy/kubernetes").contains(p);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        soft.assertAll();
    }

    @Test
    void kubernetesRunsEveryServiceOnItsContractPortWithProbesAndSettings() {
        SoftAssertions soft = new SoftAssertions();
        Map<String, String> config = k8s.configMap("leadrelay-config");
        for (var entry : CONTRACT_PORTS.entrySet()) {
            String m = entry.getKey();
            int port = entry.getValue();
            boolean streams = streamsModules.contains(m);
            String kind = streams ? "StatefulSet" : "Deployment";
            Map<String, Object> workload = k8s.find(kind, m);
            soft.assertThat(workload).as(kind + " " + m).isNotNull();
            if (workload == null) {
                continue;
            }
            String where = kind + " " + m + ": ";
            Map<String, Object> podSpec = k8s.podSpec(workload);
            Map<String, Object> c = k8s.container(podSpec, m);
            soft.assertThat(c).as(where + "container " + m).isNotNull();
            if (c == null) {
                continue;
            }
            soft.assertThat(c.get("image")).as(where + "image = compose's").isEqualTo(image(composeServices.get(m)));
            Map<String, Integer> ports = K8s.containerPorts(c);
            soft.assertThat(ports.values()).as(where + "containerPort").contains(port);
            // The Service clients use: same name, the contract port, to this container port.
            Map<String, Object> service = k8s.find("Service", m);
            soft.assertThat(service).as("Service " + m).isNotNull();
            if (service != null) {
                soft.assertThat(k8s.servicePorts(service, ports)).as("Service " + m + " port -> container port")
                        .containsEntry(port, port);
                soft.assertThat(K8s.selects(service, workload)).as("Service " + m + " selects the pods").isTrue();
            }
            for (var probe : Map.of("readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live").entrySet()) {
                Map<String, Object> httpGet = mapOrNull(path(c, probe.getKey(), "httpGet"));
                soft.assertThat(httpGet).as(where + probe.getKey() + ".httpGet").isNotNull();
                if (httpGet != null) {
                    soft.assertThat(httpGet.get("path")).as(where + probe.getKey() + " path").isEqualTo(probe.getValue());
                    soft.assertThat(K8s.resolvePort(httpGet.get("port"), ports)).as(where + probe.getKey() + " port")
                            .isEqualTo(port);
                }
            }
            Map<String, String> env = k8s.env(c, soft, where);
            for (String key : SERVICE_SETTINGS) {
                soft.assertThat(env).as(where + "environment").containsKey(key);
            }
            soft.assertThat(env.get("QUARKUS_HTTP_HOST")).as(where + "QUARKUS_HTTP_HOST").isEqualTo("0.0.0.0");
            soft.assertThat(env.get("QUARKUS_HTTP_PORT")).as(where + "QUARKUS_HTTP_PORT").isEqualTo(String.valueOf(port));
            soft.assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as(where + "bootstrap").isEqualTo(config.get("KAFKA_BOOTSTRAP_SERVERS"));
            soft.assertThat(env.get("LEADRELAY_REGISTRY_URL")).as(where + "registry").isEqualTo(
                    env.get("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_APICURIO_REGISTRY_URL"));
            soft.assertThat(env.getOrDefault("JAVA_OPTS", lib.serviceMemoryOpts)).as(where + "JAVA_OPTS, if set")
                    .isEqualTo(lib.serviceMemoryOpts);
            Map<String, String> mounts = K8s.mounts(c);
            String stateVolume = mountedOn(env.get("LEADRELAY_STATE_DIR"), mounts);
            soft.assertThat(stateVolume).as(where + "LEADRELAY_STATE_DIR on a mounted volume").isNotNull();
            if (streams) {
                for (String key : STREAMS_SETTINGS) {
                    soft.assertThat(env).as(where + "environment of a streams service").containsKey(key);
                }
                soft.assertThat(env.get("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS")).isEqualTo(env.get("KAFKA_BOOTSTRAP_SERVERS"));
                String volume = mountedOn(env.get("KAFKA_STREAMS_STATE_DIR"), mounts);
                soft.assertThat(volume).as(where + "KAFKA_STREAMS_STATE_DIR on a volumeClaimTemplate (persistent)")
                        .isIn(K8s.claimTemplates(workload));
                String headless = String.valueOf(path(workload, "spec", "serviceName"));
                Map<String, Object> headlessService = k8s.find("Service", headless);
                soft.assertThat(headlessService).as(where + "serviceName " + headless + " is a Service").isNotNull();
                if (headlessService != null) {
                    soft.assertThat(path(headlessService, "spec", "clusterIP")).as("Service " + headless + " is headless")
                            .isEqualTo("None");
                    soft.assertThat(path(headlessService, "spec", "publishNotReadyAddresses"))
                            .as("Service " + headless + " publishes unready peers").isEqualTo(true);
                    soft.assertThat(K8s.selects(headlessService, workload)).as(headless + " selects the pods").isTrue();
                }
                soft.assertThat(k8s.rawEnv(c).get("QUARKUS_KAFKA_STREAMS_APPLICATION_SERVER"))
                        .as(where + "application.server: the pod's name in the headless Service, on the HTTP port")
                        .matches(Pattern.quote("$(POD_NAME)." + headless) + "(\\.\\$\\(POD_NAMESPACE\\)\\.svc(\\.cluster\\.local)?)?:"
                                + port);
                soft.assertThat(k8s.fieldRefs(c)).as(where + "POD_NAME from the pod's name").containsEntry("POD_NAME", "metadata.name");
            } else {
                soft.assertThat(K8s.claimTemplates(workload)).isEmpty();
            }
            checkPodSecurity(soft, where, podSpec, c, serviceDockerfile.uid());
            long limit = sizeBytes(String.valueOf(path(c, "resources", "limits", "memory")));
            long request = sizeBytes(String.valueOf(path(c, "resources", "requests", "memory")));
            soft.assertThat(limit).as(where + "memory limit >= 300Mi and >= heap + metaspace + code cache + direct memory")
                    .isGreaterThanOrEqualTo(memoryFloor());
            soft.assertThat(request).as(where + "memory request at least 300Mi (the RSS goal)").isGreaterThanOrEqualTo(300L << 20);
            soft.assertThat(request).as(where + "memory request at most the limit").isLessThanOrEqualTo(limit);
        }
        soft.assertAll();
    }

    @Test
    void kubernetesSharedSettingsPointAtTheDevBrokerAndRegistry() {
        SoftAssertions soft = new SoftAssertions();
        Map<String, String> config = k8s.configMap("leadrelay-config");
        String bootstrap = config.get("KAFKA_BOOTSTRAP_SERVERS");
        soft.assertThat(bootstrap).isNotBlank();
        String[] hostPort = bootstrap.split(":");
        Map<String, Object> kafkaService = k8s.find("Service", hostPort[0]);
        soft.assertThat(kafkaService).as("Service for bootstrap " + bootstrap).isNotNull();
        Map<String, Object> kafka = k8s.find("StatefulSet", "kafka");
        soft.assertThat(kafka).as("dev broker StatefulSet kafka").isNotNull();
        if (kafkaService != null && kafka != null) {
            Map<String, Integer> ports = K8s.containerPorts(k8s.container(k8s.podSpec(kafka), "kafka"));
            soft.assertThat(k8s.servicePorts(kafkaService, ports)).containsKey(Integer.parseInt(hostPort[1]));
            soft.assertThat(K8s.selects(kafkaService, kafka)).isTrue();
        }
        String registryUrl = config.get("LEADRELAY_REGISTRY_URL");
        soft.assertThat(config.get("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_APICURIO_REGISTRY_URL")).isEqualTo(registryUrl);
        Matcher url = Pattern.compile("http://([^:/]+):(\\d+)(/.*)").matcher(registryUrl);
        soft.assertThat(url.matches()).as("registry URL " + registryUrl).isTrue();
        if (url.matches()) {
            soft.assertThat(url.group(3)).isEqualTo(REGISTRY_API_PATH);
            Map<String, Object> registryService = k8s.find("Service", url.group(1));
            Map<String, Object> registry = k8s.find("Deployment", "registry");
            soft.assertThat(registryService).as("Service " + url.group(1)).isNotNull();
            soft.assertThat(registry).as("dev registry Deployment").isNotNull();
            if (registryService != null && registry != null) {
                Map<String, Integer> ports = K8s.containerPorts(k8s.container(k8s.podSpec(registry), "registry"));
                soft.assertThat(k8s.servicePorts(registryService, ports)).containsKey(Integer.parseInt(url.group(2)));
                soft.assertThat(K8s.selects(registryService, registry)).isTrue();
            }
        }
        soft.assertAll();
    }

    @Test
    void kubernetesDevBrokerAndRegistryMatchCompose() {
        SoftAssertions soft = new SoftAssertions();
        Map<String, Object> kafka = k8s.find("StatefulSet", "kafka");
        Map<String, Object> kafkaContainer = k8s.container(k8s.podSpec(kafka), "kafka");
        soft.assertThat(kafkaContainer.get("image")).as("kafka image = compose's").isEqualTo(image(composeServices.get("kafka")));
        soft.assertThat(imageTag(String.valueOf(kafkaContainer.get("image")))).isEqualTo(AppInfoParser.getVersion());
        Map<String, String> env = k8s.env(kafkaContainer, soft, "kafka: ");
        checkBrokerSettings(soft, "kubernetes kafka", env);
        soft.assertThat(mountedOn(env.get("KAFKA_LOG_DIRS"), K8s.mounts(kafkaContainer)))
                .as("kafka log dirs on a volumeClaimTemplate").isIn(K8s.claimTemplates(kafka));
        soft.assertThat(path(k8s.podSpec(kafka), "securityContext", "runAsNonRoot")).isEqualTo(true);

        Map<String, Object> registry = k8s.find("Deployment", "registry");
        Map<String, Object> podSpec = k8s.podSpec(registry);
        Map<String, Object> c = k8s.container(podSpec, "registry");
        soft.assertThat(c.get("image")).as("registry image = compose's").isEqualTo(image(composeServices.get("registry")));
        Set<String> persistent = new LinkedHashSet<>();
        for (Object v : list(podSpec.getOrDefault("volumes", List.of()), "volumes")) {
            Map<String, Object> volume = map(v, "volume");
            if (volume.containsKey("persistentVolumeClaim")) {
                String claim = String.valueOf(path(volume, "persistentVolumeClaim", "claimName"));
                soft.assertThat(k8s.find("PersistentVolumeClaim", claim)).as("PVC " + claim).isNotNull();
                persistent.add(String.valueOf(volume.get("name")));
            }
        }
        checkRegistry(soft, "kubernetes registry", String.valueOf(c.get("image")), k8s.env(c, soft, "registry: "), K8s.mounts(c),
                persistent);
        Map<String, Object> readiness = mapOrNull(path(c, "readinessProbe", "httpGet"));
        soft.assertThat(readiness).as("registry readinessProbe").isNotNull();
        if (readiness != null) {
            soft.assertThat(readiness.get("path")).isEqualTo("/health/ready");
        }
        soft.assertAll();
    }

    @Test
    void kubernetesCreatesTopicsFromTheCatalogWithTheStackTools() {
        SoftAssertions soft = new SoftAssertions();
        List<Map<String, Object>> jobs = k8s.all("Job");
        soft.assertThat(jobs).as("Jobs").hasSize(1);
        Map<String, Object> job = jobs.get(0);
        Map<String, Object> podSpec = k8s.podSpec(job);
        Map<String, Object> c = map(list(podSpec.get("containers"), "containers").get(0), "container");
        soft.assertThat(c.get("image")).as("Job image = compose topics image").isEqualTo(image(composeServices.get("topics")));
        Map<String, String> env = k8s.env(c, soft, "Job: ");
        List<String> args = new ArrayList<>();
        for (Object a : list(c.get("args"), "Job args")) {
            args.add(K8s.expand(String.valueOf(a), env));
        }
        soft.assertThat(c.get("command")).as("Job keeps the image's ENTRYPOINT").isNull();
        StackTools.Options options = StackTools.Options.parse(args.toArray(String[]::new));
        soft.assertThat(options.command).isIn("setup", "create-topics");
        Map<String, String> config = k8s.configMap("leadrelay-config");
        soft.assertThat(options.bootstrap).isEqualTo(config.get("KAFKA_BOOTSTRAP_SERVERS"));
        soft.assertThat(options.registry).isEqualTo(config.get("LEADRELAY_REGISTRY_URL"));
        soft.assertThat(path(podSpec, "restartPolicy")).isIn("OnFailure", "Never");
        checkPodSecurity(soft, "Job: ", podSpec, c, toolsDockerfile.uid());
        soft.assertAll();
    }

    // ------------------------------------------------------------------------------------------ across both

    @Test
    void noTopicNameIsListedInTheManifests() {
        Set<String> topics = TopicSpec.catalog().stream().map(TopicSpec::name).collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(topics).isNotEmpty();
        List<String> found = new ArrayList<>();
        Map<Path, List<Object>> documents = new LinkedHashMap<>(k8s.documents);
        documents.put(deploy.resolve("compose/compose.yaml"), List.of(compose));
        documents.forEach((file, docs) -> scalars(docs).forEach(s -> topics.stream().filter(s::contains)
                .forEach(t -> found.add(root.relativize(file) + ": " + t + " in \"" + s + "\""))));
        assertThat(found).as("topic names belong to the catalog (TopicSpec.catalog()), not to YAML").isEmpty();
    }

    @Test
    void noLiteralSecretIsCommitted() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        // compose: secret settings only as ${VAR} or ${VAR:?message}, never a literal or a literal default.
        composeServices.forEach((name, s) -> rawComposeEnv(s).forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).matches()) {
                soft.assertThat(value).as("compose " + name + " " + key)
                        .matches(Pattern.quote("${" + key) + "(:?\\?[^}]*)?\\}");
            }
        }));
        // kubernetes: no Secret object in a file; secret settings from secretKeyRef; none in a ConfigMap.
        soft.assertThat(k8s.all("Secret")).as("Secret objects committed under deploy/kubernetes").isEmpty();
        for (Map<String, Object> cm : k8s.all("ConfigMap")) {
            map(cm.getOrDefault("data", Map.of()), "data").keySet().forEach(key -> soft.assertThat(SECRET_NAME.matcher(key).matches())
                    .as("ConfigMap " + path(cm, "metadata", "name") + " holds " + key).isFalse());
        }
        for (Map<String, Object> c : k8s.allContainers()) {
            for (Object e : list(c.getOrDefault("env", List.of()), "env")) {
                Map<String, Object> var = map(e, "env");
                if (SECRET_NAME.matcher(String.valueOf(var.get("name"))).matches()) {
                    soft.assertThat(path(var, "valueFrom", "secretKeyRef")).as("container " + c.get("name") + " " + var.get("name")
                            + " from a secretKeyRef").isNotNull();
                    soft.assertThat(var.get("value")).as("literal " + var.get("name")).isNull();
                }
            }
        }
        // Generated secrets: from a file Git ignores, and the committed template has no value.
        for (Path file : k8s.secretFiles) {
            Path relative = k8s.dir.relativize(file);
            soft.assertThat(Files.readAllLines(k8s.dir.resolve(".gitignore"))).as("deploy/kubernetes/.gitignore")
                    .contains(relative.toString());
            Path example = file.resolveSibling(file.getFileName() + ".example");
            soft.assertThat(example).as("template of " + relative).exists();
            if (Files.exists(example)) {
                soft.assertThat(envFileValues(example).values()).as(example.getFileName() + " values").allMatch(String::isEmpty);
            }
        }
        soft.assertThat(Files.readAllLines(deploy.resolve("compose/.gitignore"))).as("deploy/compose/.gitignore").contains(".env");
        soft.assertThat(envFileValues(deploy.resolve("compose/.env.example"))).as("compose .env.example")
                .containsKey("LEADRELAY_ADMIN_TOKEN")
                .allSatisfy((key, value) -> assertThat(SECRET_NAME.matcher(key).matches() ? value : "").as(key).isEmpty());
        // Every secret a container reads is generated (its name and key exist).
        for (Map<String, Object> c : k8s.allContainers()) {
            for (Object e : list(c.getOrDefault("env", List.of()), "env")) {
                Map<String, Object> ref = mapOrNull(path(map(e, "env"), "valueFrom", "secretKeyRef"));
                if (ref != null) {
                    soft.assertThat(k8s.generatedSecrets).as("generated secret " + ref.get("name"))
                            .containsKey(String.valueOf(ref.get("name")));
                    soft.assertThat(k8s.generatedSecrets.getOrDefault(String.valueOf(ref.get("name")), Set.of()))
                            .as("key of " + ref.get("name")).contains(String.valueOf(ref.get("key")));
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void readmeDocumentsHowToBuildAndRun() throws IOException {
        String readme = Files.readString(deploy.resolve("README.md"));
        SoftAssertions soft = new SoftAssertions();
        for (String needle : List.of("## Containers, Compose and Kubernetes", "--build-arg MODULE=",
                "docker build -f deploy/container/Dockerfile", "docker compose -f deploy/compose/compose.yaml up",
                "kubectl apply -k deploy/kubernetes", "validated statically")) {
            soft.assertThat(readme.contains(needle)).as("deploy/README.md mentions " + needle).isTrue();
        }
        soft.assertAll();
    }

    // ------------------------------------------------------------------------------------------ shared checks

    static void checkBrokerSettings(SoftAssertions soft, String where, Map<String, String> env) {
        Map<String, String> properties = new TreeMap<>();
        env.forEach((key, value) -> {
            if (key.startsWith("KAFKA_") && !key.equals("KAFKA_HEAP_OPTS")) {
                properties.put(key.substring(6).toLowerCase(Locale.ROOT).replace("___", "-").replace("__", "\u0000")
                        .replace('_', '.').replace('\u0000', '_'), value);
            }
        });
        lib.brokerProperties.forEach((key, value) -> {
            if (!BROKER_KEYS_PER_ENVIRONMENT.contains(key)) {
                soft.assertThat(properties.get(key)).as(where + ": " + key + " as lib.sh writes it").isEqualTo(value);
            }
        });
        soft.assertThat(properties).as(where + ": KRaft listeners").containsKeys("controller.quorum.voters", "listeners",
                "advertised.listeners", "log.dirs");
        soft.assertThat(env).as(where + ": cluster id for the format").containsKey("CLUSTER_ID");
        String heap = Stream.of(lib.brokerJavaOpts.split("\\s+")).filter(o -> o.startsWith("-Xm")).collect(Collectors.joining(" "));
        soft.assertThat(env.get("KAFKA_HEAP_OPTS")).as(where + ": heap as LR_BROKER_JAVA_OPTS").isEqualTo(heap);
    }

    static void checkRegistry(SoftAssertions soft, String where, String image, Map<String, String> env, Map<String, String> mounts,
            Set<String> persistentVolumes) {
        soft.assertThat(imageRepository(image)).as(where + " image").isEqualTo("quay.io/apicurio/apicurio-registry");
        soft.assertThat(imageTag(image)).as(where + " version = root pom apicurio.registry.version")
                .isEqualTo(rootPomProperty("apicurio.registry.version"));
        String url = env.getOrDefault("APICURIO_DATASOURCE_URL", "");
        soft.assertThat(url).as(where + ": H2 in a file (the image's default is in memory)").startsWith("jdbc:h2:file:");
        soft.assertThat(mountedOn(url.replaceFirst("^jdbc:h2:file:", "").replaceFirst(";.*", ""), mounts))
                .as(where + ": the database on a persistent volume").isIn(persistentVolumes);
        soft.assertThat(env).as(where + ": rules as lib.sh sets them")
                .containsEntry("APICURIO_RULES_GLOBAL_COMPATIBILITY", "BACKWARD").containsEntry("APICURIO_RULES_GLOBAL_VALIDITY", "FULL");
        soft.assertThat(env.get("JAVA_OPTS_APPEND")).as(where + ": JVM options = LR_REGISTRY_JAVA_OPTS").isEqualTo(lib.registryJavaOpts);
    }

    static void checkPodSecurity(SoftAssertions soft, String where, Map<String, Object> podSpec, Map<String, Object> c, int imageUid) {
        soft.assertThat(path(podSpec, "securityContext", "runAsNonRoot")).as(where + "runAsNonRoot").isEqualTo(true);
        soft.assertThat(path(podSpec, "securityContext", "runAsUser")).as(where + "runAsUser = the image's USER").isEqualTo(imageUid);
        soft.assertThat(path(c, "securityContext", "allowPrivilegeEscalation")).as(where + "allowPrivilegeEscalation").isEqualTo(false);
        if (Boolean.TRUE.equals(path(c, "securityContext", "readOnlyRootFilesystem"))) {
            soft.assertThat(K8s.mounts(c).values()).as(where + "a writable /tmp under a read-only root").contains("/tmp");
        }
    }

    /** heap + metaspace + code cache + direct memory of lib.sh's budget, and at least 300 MiB. */
    static long memoryFloor() {
        long sum = 0;
        for (String option : lib.serviceMemoryOpts.split("\\s+")) {
            for (String prefix : List.of("-Xmx", "-XX:MaxMetaspaceSize=", "-XX:ReservedCodeCacheSize=", "-XX:MaxDirectMemorySize=")) {
                if (option.startsWith(prefix)) {
                    sum += sizeBytes(option.substring(prefix.length()));
                }
            }
        }
        assertThat(sum).as("lib.sh's memory budget names heap, metaspace, code cache, direct memory").isGreaterThan(0);
        return Math.max(sum, 300L << 20);
    }

    // ------------------------------------------------------------------------------------------ compose helpers

    static String image(Map<String, Object> service) {
        return interpolate(String.valueOf(service.get("image")));
    }

    static String composeInternalBootstrap() {
        Map<String, String> env = composeEnv(composeServices.get("kafka"));
        String hostname = String.valueOf(composeServices.get("kafka").getOrDefault("hostname", "kafka"));
        return Stream.of(env.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "").split(","))
                .map(l -> l.replaceFirst("^[A-Z_]+://", "")).filter(l -> l.startsWith(hostname + ":") || l.startsWith("kafka:"))
                .findFirst().orElse("no advertised listener for the compose network");
    }

    static String composeInternalRegistryUrl() {
        // The registry's container port is the target of its published port (host 8088).
        String target = composePorts(composeServices.get("registry")).stream().map(p -> p.split(":"))
                .filter(p -> p.length == 3 && p[1].equals(String.valueOf(CONTRACT_REGISTRY_PORT))).map(p -> p[2]).findFirst()
                .orElse("?");
        return "http://registry:" + target + REGISTRY_API_PATH;
    }

    static Path composeBuildRoot(Map<String, Object> build) {
        return deploy.resolve("compose").resolve(String.valueOf(build.get("context"))).normalize();
    }

    static List<String> composePorts(Map<String, Object> service) {
        List<String> ports = new ArrayList<>();
        for (Object p : list(service.getOrDefault("ports", List.of()), "ports")) {
            if (p instanceof Map<?, ?> long_) {
                ports.add(long_.get("host_ip") + ":" + long_.get("published") + ":" + long_.get("target"));
            } else {
                ports.add(interpolate(String.valueOf(p)).replaceFirst("/tcp$", ""));
            }
        }
        return ports;
    }

    static Map<String, String> rawComposeEnv(Map<String, Object> service) {
        Object environment = service.getOrDefault("environment", Map.of());
        Map<String, String> env = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else {
            for (Object o : list(environment, "environment")) {
                String s = String.valueOf(o);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return env;
    }

    static Map<String, String> composeEnv(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        rawComposeEnv(service).forEach((k, v) -> env.put(k, interpolate(v)));
        return env;
    }

    /** mount path -> named volume (or bind source). */
    static Map<String, String> composeMounts(Map<String, Object> service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object v : list(service.getOrDefault("volumes", List.of()), "volumes")) {
            if (v instanceof Map<?, ?> long_) {
                mounts.put(String.valueOf(long_.get("source")), String.valueOf(long_.get("target")));
            } else {
                String[] parts = String.valueOf(v).split(":");
                if (parts.length >= 2) {
                    mounts.put(parts[0], parts[1]);
                }
            }
        }
        return mounts;
    }

    static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> result = new LinkedHashMap<>();
        Object d = service.getOrDefault("depends_on", Map.of());
        if (d instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), v instanceof Map<?, ?> c ? String.valueOf(c.get("condition")) : "service_started"));
        } else {
            list(d, "depends_on").forEach(k -> result.put(String.valueOf(k), "service_started"));
        }
        return result;
    }

    static String healthcheck(Map<String, Object> service) {
        if (service == null) {
            return "";
        }
        Object test = path(service, "healthcheck", "test");
        if (test instanceof List<?> l) {
            return l.stream().map(String::valueOf).collect(Collectors.joining(" "));
        }
        return test == null ? "" : String.valueOf(test);
    }

    static final Pattern INTERPOLATION = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\\}");

    /** Compose variable interpolation with no variables set: defaults apply, required ones become a marker. */
    static String interpolate(String value) {
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else if (m.group(2) == null) {
                replacement = "";
            } else if (m.group(2).endsWith("-")) {
                replacement = m.group(3);
            } else {
                replacement = "<required:" + m.group(1) + ">";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------ general helpers

    /** The volume (mount source) a path lies on, or null. */
    static String mountedOn(String path, Map<String, String> mountsBySource) {
        if (path == null || path.isBlank()) {
            return null;
        }
        String best = null;
        int bestLength = -1;
        for (var mount : mountsBySource.entrySet()) {
            String target = mount.getValue().replaceAll("/+$", "");
            if ((path.equals(target) || path.startsWith(target + "/")) && target.length() > bestLength) {
                best = mount.getKey();
                bestLength = target.length();
            }
        }
        return best;
    }

    static String imageTag(String image) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
    }

    static String imageRepository(String image) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    static long sizeBytes(String size) {
        Matcher m = Pattern.compile("(\\d+)\\s*([kKmMgG]?)(i?)[bB]?").matcher(size.trim());
        if (!m.matches()) {
            return -1;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    static String rootPomProperty(String name) {
        try {
            Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(root.resolve("pom.xml")));
            return m.find() ? m.group(1).trim() : null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> envFileValues(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) {
                continue;
            }
            values.put(l.substring(0, l.indexOf('=')).strip(), l.substring(l.indexOf('=') + 1).strip());
        }
        return values;
    }

    static List<String> text(Element e, String tag) {
        List<String> result = new ArrayList<>();
        NodeList nodes = e.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add(nodes.item(i).getTextContent().trim());
        }
        return result;
    }

    static Object loadOne(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }

    static List<Object> loadAll(Path file) throws IOException {
        List<Object> docs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                if (doc != null) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    static List<String> scalars(Object node) {
        List<String> out = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                out.add(String.valueOf(k));
                out.addAll(scalars(v));
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> out.addAll(scalars(v)));
        } else if (node != null) {
            out.add(String.valueOf(node));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String what) {
        assertThat(o).as(what + " is a mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapOrNull(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : null;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String what) {
        assertThat(o).as(what + " is a list").isInstanceOf(List.class);
        return (List<Object>) o;
    }

    static Object path(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    static Map<String, Integer> orderedMap(Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Integer) kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    // ------------------------------------------------------------------------------------------ lib.sh

    /** The defaults deploy/local/lib.sh runs the local stack with. */
    static final class LibSh {
        final String text;
        final String serviceMemoryOpts;
        final String serviceMallocArenaMax;
        final String registryJavaOpts;
        final String brokerJavaOpts;
        final String toolsJavaOpts;
        final List<String> services;
        final Map<String, String> brokerProperties = new LinkedHashMap<>();

        LibSh(String text) {
            this.text = text;
            serviceMemoryOpts = setting("LR_SERVICE_MEMORY_OPTS");
            serviceMallocArenaMax = setting("LR_SERVICE_MALLOC_ARENA_MAX");
            registryJavaOpts = setting("LR_REGISTRY_JAVA_OPTS");
            brokerJavaOpts = setting("LR_BROKER_JAVA_OPTS");
            toolsJavaOpts = setting("LR_TOOLS_JAVA_OPTS");
            Matcher all = Pattern.compile("(?m)^LR_SERVICES_ALL=\\(([^)]*)\\)").matcher(text);
            assertThat(all.find()).as("LR_SERVICES_ALL in lib.sh").isTrue();
            services = List.of(all.group(1).trim().split("\\s+"));
            Matcher config = Pattern.compile("cat >\"\\$dir/server\\.properties\" <<EOF\\n(.*?)\\nEOF\\n", Pattern.DOTALL).matcher(text);
            assertThat(config.find()).as("server.properties heredoc in lib.sh").isTrue();
            for (String line : config.group(1).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                    brokerProperties.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
            assertThat(brokerProperties).as("broker properties in lib.sh").containsKey("transaction.state.log.min.isr");
        }

        /** The default of {@code LR_X="${LEADRELAY_X:-default}"}. */
        String setting(String variable) {
            Matcher m = Pattern.compile("(?m)^\\s*" + variable + "=\"\\$\\{LEADRELAY_\\w+:-(.*)\\}\"\\s*$").matcher(text);
            assertThat(m.find()).as(variable + " in lib.sh").isTrue();
            return m.group(1);
        }

        int servicePort(String module) {
            Matcher m = Pattern.compile(Pattern.quote(module) + "\\) echo \"\\$(LR_\\w+_PORT)\"").matcher(text);
            assertThat(m.find()).as("lr_service_port case for " + module).isTrue();
            return Integer.parseInt(setting(m.group(1)));
        }
    }

    // ------------------------------------------------------------------------------------------ Dockerfile

    static final class Dockerfile {
        String from;
        final Set<String> args = new LinkedHashSet<>();
        final Map<String, String> env = new LinkedHashMap<>();
        final List<List<String>> copies = new ArrayList<>();
        String user;
        String entrypoint = "";
        final DockerIgnore ignore;

        Dockerfile(Path file) throws IOException {
            String joined = Files.readString(file).replaceAll("\\\\\\n", " ");
            for (String line : joined.split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = l.split("\\s+", 2);
                String rest = parts.length > 1 ? parts[1] : "";
                switch (parts[0].toUpperCase(Locale.ROOT)) {
                    case "FROM" -> from = rest.split("\\s+")[0];
                    case "ARG" -> args.add(rest.split("=")[0].trim());
                    case "ENV" -> env.putAll(parseEnv(rest));
                    case "COPY" -> copies.add(List.of(rest.split("\\s+")));
                    case "USER" -> user = rest.trim();
                    case "ENTRYPOINT" -> entrypoint = rest;
                    default -> {
                    }
                }
            }
            Path ignoreFile = file.resolveSibling(file.getFileName() + ".dockerignore");
            ignore = new DockerIgnore(Files.exists(ignoreFile) ? Files.readAllLines(ignoreFile) : List.of());
        }

        List<String> copySources() {
            return copies.stream().map(c -> c.stream().filter(a -> !a.startsWith("--")).toList())
                    .flatMap(c -> c.subList(0, c.size() - 1).stream()).toList();
        }

        int uid() {
            if (user == null || !user.split(":")[0].matches("\\d+")) {
                return -1;
            }
            return Integer.parseInt(user.split(":")[0]);
        }

        static Map<String, String> parseEnv(String rest) {
            Map<String, String> result = new LinkedHashMap<>();
            Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S*))").matcher(rest);
            while (m.find()) {
                String value = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : m.group(5);
                result.put(m.group(1), value);
            }
            return result;
        }
    }

    /** .dockerignore rules: the last pattern that matches a path or one of its parents decides. */
    static final class DockerIgnore {
        record Rule(PathMatcher matcher, boolean exclude) {
        }

        final List<Rule> rules = new ArrayList<>();

        DockerIgnore(List<String> lines) {
            for (String line : lines) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                boolean exclude = !l.startsWith("!");
                String pattern = (exclude ? l : l.substring(1)).replaceAll("^/+|/+$", "");
                rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + pattern), exclude));
            }
        }

        boolean excludes(String path) {
            List<Path> candidates = new ArrayList<>();
            for (Path p = Path.of(path.replaceAll("/+$", "")); p != null; p = p.getParent()) {
                candidates.add(p);
            }
            boolean excluded = false;
            for (Rule rule : rules) {
                if (candidates.stream().anyMatch(rule.matcher::matches)) {
                    excluded = rule.exclude;
                }
            }
            return excluded;
        }
    }

    // ------------------------------------------------------------------------------------------ kubernetes

    /** Every manifest under deploy/kubernetes, read through the kustomizations from the top one. */
    static final class K8s {
        final Path dir;
        final Map<Path, List<Object>> documents = new LinkedHashMap<>();
        final List<Map<String, Object>> resources = new ArrayList<>();
        final Set<Path> included = new LinkedHashSet<>();
        final List<String> problems = new ArrayList<>();
        final List<Path> secretFiles = new ArrayList<>();
        /** generated Secret name -> keys (from the committed template of its env file). */
        final Map<String, Set<String>> generatedSecrets = new LinkedHashMap<>();

        K8s(Path dir) throws IOException {
            this.dir = dir;
            readKustomization(dir);
        }

        private void readKustomization(Path kdir) throws IOException {
            Path file = kdir.resolve("kustomization.yaml");
            if (!Files.exists(file)) {
                problems.add(dir.relativize(kdir) + ": no kustomization.yaml");
                return;
            }
            Map<String, Object> k = map(loadOne(file), file.toString());
            for (Object r : list(k.getOrDefault("resources", List.of()), "resources")) {
                Path p = kdir.resolve(String.valueOf(r)).normalize();
                if (Files.isDirectory(p)) {
                    readKustomization(p);
                } else if (Files.isRegularFile(p)) {
                    included.add(p);
                    List<Object> docs = loadAll(p);
                    documents.put(p, docs);
                    docs.forEach(d -> resources.add(map(d, p.toString())));
                } else {
                    problems.add(dir.relativize(file) + ": resource " + r + " does not exist");
                }
            }
            for (Object g : list(k.getOrDefault("secretGenerator", List.of()), "secretGenerator")) {
                Map<String, Object> gen = map(g, "secretGenerator");
                if (gen.containsKey("literals")) {
                    problems.add(dir.relativize(file) + ": secretGenerator " + gen.get("name") + " with literals");
                }
                Set<String> keys = new LinkedHashSet<>();
                for (Object e : list(gen.getOrDefault("envs", List.of()), "envs")) {
                    Path envFile = kdir.resolve(String.valueOf(e)).normalize();
                    secretFiles.add(envFile);
                    Path example = envFile.resolveSibling(envFile.getFileName() + ".example");
                    if (Files.exists(example)) {
                        keys.addAll(envFileValues(example).keySet());
                    }
                }
                generatedSecrets.put(String.valueOf(gen.get("name")), keys);
            }
        }

        List<Map<String, Object>> all(String kind) {
            return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
        }

        Map<String, Object> find(String kind, String name) {
            return all(kind).stream().filter(r -> name.equals(path(r, "metadata", "name"))).findFirst().orElse(null);
        }

        Map<String, String> configMap(String name) {
            Map<String, Object> cm = find("ConfigMap", name);
            assertThat(cm).as("ConfigMap " + name).isNotNull();
            Map<String, String> data = new LinkedHashMap<>();
            map(cm.getOrDefault("data", Map.of()), "data").forEach((k, v) -> data.put(k, String.valueOf(v)));
            return data;
        }

        Map<String, Object> podSpec(Map<String, Object> workload) {
            return map(path(workload, "spec", "template", "spec"), "pod spec of " + path(workload, "metadata", "name"));
        }

        Map<String, Object> container(Map<String, Object> podSpec, String name) {
            return list(podSpec.get("containers"), "containers").stream().map(c -> map(c, "container"))
                    .filter(c -> name.equals(c.get("name"))).findFirst().orElse(null);
        }

        List<Map<String, Object>> allContainers() {
            List<Map<String, Object>> containers = new ArrayList<>();
            for (Map<String, Object> r : resources) {
                Object spec = path(r, "spec", "template", "spec");
                if (spec instanceof Map<?, ?>) {
                    for (String key : List.of("containers", "initContainers")) {
                        Object cs = ((Map<?, ?>) spec).get(key);
                        if (cs instanceof List<?> l) {
                            l.forEach(c -> containers.add(map(c, "container")));
                        }
                    }
                }
            }
            return containers;
        }

        static Map<String, Integer> containerPorts(Map<String, Object> c) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (Object p : list(c.getOrDefault("ports", List.of()), "ports")) {
                Map<String, Object> port = map(p, "port");
                ports.put(String.valueOf(port.getOrDefault("name", port.get("containerPort"))), (Integer) port.get("containerPort"));
            }
            return ports;
        }

        static Integer resolvePort(Object port, Map<String, Integer> containerPorts) {
            return port instanceof Integer i ? i : containerPorts.get(String.valueOf(port));
        }

        /** Service port -> container port it reaches. */
        Map<Integer, Integer> servicePorts(Map<String, Object> service, Map<String, Integer> containerPorts) {
            Map<Integer, Integer> result = new LinkedHashMap<>();
            for (Object p : list(path(service, "spec", "ports"), "service ports")) {
                Map<String, Object> port = map(p, "service port");
                Object target = port.getOrDefault("targetPort", port.get("port"));
                result.put((Integer) port.get("port"), resolvePort(target, containerPorts));
            }
            return result;
        }

        static boolean selects(Map<String, Object> service, Map<String, Object> workload) {
            Map<String, Object> selector = mapOrNull(path(service, "spec", "selector"));
            Map<String, Object> labels = mapOrNull(path(workload, "spec", "template", "metadata", "labels"));
            return selector != null && !selector.isEmpty() && labels != null && labels.entrySet().containsAll(selector.entrySet());
        }

        static Map<String, String> mounts(Map<String, Object> c) {
            Map<String, String> mounts = new LinkedHashMap<>();
            for (Object m : list(c.getOrDefault("volumeMounts", List.of()), "volumeMounts")) {
                Map<String, Object> mount = map(m, "volumeMount");
                mounts.put(String.valueOf(mount.get("name")), String.valueOf(mount.get("mountPath")));
            }
            return mounts;
        }

        static Set<String> claimTemplates(Map<String, Object> workload) {
            Set<String> names = new LinkedHashSet<>();
            Object templates = path(workload, "spec", "volumeClaimTemplates");
            if (templates instanceof List<?> l) {
                l.forEach(t -> names.add(String.valueOf(path(t, "metadata", "name"))));
            }
            return names;
        }

        Map<String, String> rawEnv(Map<String, Object> c) {
            Map<String, String> env = new LinkedHashMap<>();
            for (Object e : list(c.getOrDefault("env", List.of()), "env")) {
                Map<String, Object> var = map(e, "env");
                env.put(String.valueOf(var.get("name")), var.containsKey("value") ? String.valueOf(var.get("value")) : null);
            }
            return env;
        }

        Map<String, String> fieldRefs(Map<String, Object> c) {
            Map<String, String> refs = new LinkedHashMap<>();
            for (Object e : list(c.getOrDefault("env", List.of()), "env")) {
                Object field = path(e, "valueFrom", "fieldRef", "fieldPath");
                if (field != null) {
                    refs.put(String.valueOf(path(e, "name")), String.valueOf(field));
                }
            }
            return refs;
        }

        /**
         * The container's environment as the kubelet builds it: envFrom ConfigMaps, then env in order, $(VAR) expanded
         * against what is defined before; secrets and fields as markers. Reports references that cannot resolve.
         */
        Map<String, String> env(Map<String, Object> c, SoftAssertions soft, String where) {
            Map<String, String> env = new LinkedHashMap<>();
            for (Object f : list(c.getOrDefault("envFrom", List.of()), "envFrom")) {
                Object name = path(f, "configMapRef", "name");
                soft.assertThat(name).as(where + "envFrom only from ConfigMaps").isNotNull();
                if (name != null) {
                    soft.assertThat(find("ConfigMap", String.valueOf(name))).as(where + "envFrom ConfigMap " + name).isNotNull();
                    if (find("ConfigMap", String.valueOf(name)) != null) {
                        env.putAll(configMap(String.valueOf(name)));
                    }
                }
            }
            for (Object e : list(c.getOrDefault("env", List.of()), "env")) {
                Map<String, Object> var = map(e, "env");
                String name = String.valueOf(var.get("name"));
                if (var.containsKey("value")) {
                    String value = String.valueOf(var.get("value"));
                    Matcher refs = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(value);
                    while (refs.find()) {
                        soft.assertThat(env).as(where + name + " refers to $(" + refs.group(1) + "), defined before it")
                                .containsKey(refs.group(1));
                    }
                    env.put(name, expand(value, env));
                } else if (path(var, "valueFrom", "configMapKeyRef") != null) {
                    String cm = String.valueOf(path(var, "valueFrom", "configMapKeyRef", "name"));
                    String key = String.valueOf(path(var, "valueFrom", "configMapKeyRef", "key"));
                    Map<String, Object> configMap = find("ConfigMap", cm);
                    soft.assertThat(configMap).as(where + name + " from ConfigMap " + cm).isNotNull();
                    String value = configMap == null ? null : configMap(cm).get(key);
                    soft.assertThat(value).as(where + name + " from key " + key + " of " + cm).isNotNull();
                    env.put(name, value);
                } else if (path(var, "valueFrom", "secretKeyRef") != null) {
                    env.put(name, "<secret:" + path(var, "valueFrom", "secretKeyRef", "name") + ">");
                } else if (path(var, "valueFrom", "fieldRef") != null) {
                    env.put(name, "$(" + name + ")");
                } else {
                    soft.fail(where + "env " + name + " has neither value nor a known valueFrom");
                }
            }
            return env;
        }

        static String expand(String value, Map<String, String> env) {
            Matcher m = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(Objects.requireNonNullElse(env.get(m.group(1)), m.group())));
            }
            m.appendTail(out);
            return out.toString();
        }
    }
}
