package io.leadrelay.routing.bench;

import java.util.logging.Level;

import org.jboss.logmanager.LogContext;
import org.slf4j.LoggerFactory;

/**
 * Benchmarks run outside Quarkus, where the JBoss log manager has no configuration and Kafka's trace and debug
 * messages are formatted for every record; that cost is not the service's (which logs at INFO), so it is switched
 * off before measuring.
 */
final class BenchLogging {

    private BenchLogging() {
    }

    /** Root level INFO; says so, so a run that still traces is visible in its output. */
    static void info() {
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
        java.util.logging.Logger.getLogger("").setLevel(Level.INFO);
        System.out.printf("log level INFO (kafka trace enabled: %s, debug enabled: %s)%n",
                LoggerFactory.getLogger("org.apache.kafka").isTraceEnabled(),
                LoggerFactory.getLogger("org.apache.kafka").isDebugEnabled());
    }
}
