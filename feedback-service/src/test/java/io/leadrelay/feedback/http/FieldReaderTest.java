package io.leadrelay.feedback.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.leadrelay.feedback.partner.PartnerRequests;
import io.leadrelay.schemas.ReturnReason;

class FieldReaderTest {

    private static int status(Runnable parse) {
        try {
            parse.run();
            return 200;
        } catch (ProblemException e) {
            return e.response().getStatus();
        }
    }

    @Test
    void returnNeedsAKnownReasonAndACommentForOther() {
        assertThat(PartnerRequests.returned("{\"reason\": \"NOT_READY\"}", "r", "l", "p", java.time.Instant.now())
                .getReason()).isEqualTo(ReturnReason.NOT_READY);
        assertThat(status(() -> PartnerRequests.returned("{\"reason\": \"OTHER\"}", "r", "l", "p", java.time.Instant.now())))
                .isEqualTo(422);
        assertThat(status(() -> PartnerRequests.returned("{\"reason\": \"NOPE\"}", "r", "l", "p", java.time.Instant.now())))
                .isEqualTo(422);
        assertThat(status(() -> PartnerRequests.returned("{\"reason\": \"NOT_READY\", \"partnerId\": \"p2\"}", "r", "l", "p",
                java.time.Instant.now()))).isEqualTo(422);
        assertThat(status(() -> PartnerRequests.returned("{nope", "r", "l", "p", java.time.Instant.now()))).isEqualTo(400);
    }

    @Test
    void everyInvalidFieldIsListedWithoutEchoingValues() {
        var reader = new FieldReader(JsonInput.object("{\"a\": 1, \"b\": \"x\\u0000\", \"secret-field\": 2}", false), "a", "b");
        reader.line("a", true, 10);
        reader.line("b", true, 10);
        reader.line("c", true, 10);
        assertThat(reader.errors()).extracting(FieldError::field).containsExactly("secret-field", "a", "b", "c");
        assertThatThrownBy(reader::throwIfInvalid).isInstanceOf(ProblemException.class);
    }

    @Test
    void moneyHasAtMostTwoDecimalsAndIsNotNegative() {
        assertThat(new FieldReader(JsonInput.object("{\"v\": 12.5}", false), "v").money("v", true)).isEqualByComparingTo("12.50");
        var reader = new FieldReader(JsonInput.object("{\"v\": 1.005, \"w\": -1}", false), "v", "w");
        assertThat(reader.money("v", true)).isNull();
        assertThat(reader.money("w", true)).isNull();
        assertThat(reader.errors()).hasSize(2);
    }
}
