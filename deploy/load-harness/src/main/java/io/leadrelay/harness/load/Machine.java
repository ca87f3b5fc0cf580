package io.leadrelay.harness.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A line about the machine a run was measured on. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = "?";
        long memKb = 0;
        String load = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            // not Linux: leave the question marks
        }
        return String.format(java.util.Locale.ROOT, "%d cores (%s), %.1f GB RAM, Java %s, load average %s",
                Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0,
                System.getProperty("java.version"), load);
    }
}
