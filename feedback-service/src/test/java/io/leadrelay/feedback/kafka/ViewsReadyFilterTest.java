package io.leadrelay.feedback.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

class ViewsReadyFilterTest {

    @Test
    void whileTheViewsCatchUpTheApiAnswers503WithRetryAfterInsteadOfAWrong404Or401() {
        Response answer = ViewsReadyFilter.answer("api/v1/partner/leads/l-1/accept", false);

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(answer.getMediaType().toString()).isEqualTo("application/problem+json");
    }

    @Test
    void healthAndMetricsStayReachableAndACaughtUpServiceAnswersNormally() {
        assertThat(ViewsReadyFilter.answer("q/health/ready", false)).isNull();
        assertThat(ViewsReadyFilter.answer("api/v1/partner/leads", true)).isNull();
    }
}
