package io.leadrelay.deploy;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Log levels of the command-line tools (stack tools, load harness), which run without a logging configuration. */
public final class ToolLogging {

    /** Strong references: java.util.logging forgets levels of loggers nobody holds. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.apache.kafka"),
            Logger.getLogger("io.apicurio"), Logger.getLogger("io.vertx"), Logger.getLogger("io.netty"),
            Logger.getLogger("io.kiota"));

    private ToolLogging() {
    }

    /**
     * INFO at the root, WARNING for the chatty client libraries. Unconfigured, the JBoss log manager's root level
     * is ALL, so every library formats its debug messages only for them to be dropped: the JDK HTTP client's
     * took an eighth of the load harness's CPU.
     */
    public static void quiet() {
        Logger.getLogger("").setLevel(Level.INFO);
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
