package io.leadrelay.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds a JDK of at least a given feature version: Apicurio Registry 3 needs Java 21 while the build runs on 17. */
public final class JdkLocator {

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private JdkLocator() {
    }

    public static Path javaExecutable(int minimumFeatureVersion) {
        return find(minimumFeatureVersion).orElseThrow(() -> new IllegalStateException(
                "no JDK >= " + minimumFeatureVersion + " found in JAVA_HOME, the running JVM or /usr/lib/jvm"))
                .resolve("bin").resolve("java");
    }

    static Optional<Path> find(int minimumFeatureVersion) {
        Stream<Path> candidates = Stream.of(System.getenv("JAVA_HOME"), System.getProperty("java.home"))
                .filter(home -> home != null && !home.isBlank())
                .map(Path::of);
        Stream<Path> installed;
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/jvm"))) {
            installed = dirs.sorted().toList().stream();
        } catch (IOException e) {
            installed = Stream.empty();
        }
        List<Path> all = Stream.concat(candidates, installed).toList();
        return all.stream().filter(home -> featureVersion(home) >= minimumFeatureVersion).findFirst();
    }

    private static int featureVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return -1;
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(release));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
