package io.leadrelay.ingest.intake;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the idempotency index has re-read the window of {@code leads.raw}, so no repeat slips through after a restart. */
@Readiness
@ApplicationScoped
public class KeyIndexReadiness implements HealthCheck {

    private final KeyIndex index;

    public KeyIndexReadiness(KeyIndex index) {
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("leads.raw idempotency index").status(index.loaded()).build();
    }
}
