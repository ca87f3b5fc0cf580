package io.leadrelay.qualification.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The lifecycle details read the same as before the hand-written writer: compared with Jackson's output. */
class DetailsJsonTest {

    @Test
    void writesWhatJacksonWritesForEveryShapeTheDetailsUse() throws Exception {
        Map<String, Object> score = new LinkedHashMap<>();
        score.put("total", 75);
        score.put("parts", Map.of("revenue", 25));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ruleVersion", "qualification-rules/1");
        details.put("note", "Anna \"A.\" Müller \\ line\nnext\ttab\r\u0001\u001f/€ 😀");
        details.put("criteriaMissing", List.of());
        details.put("candidates", List.of("example-gmbh.de", "example"));
        details.put("score", score);
        details.put("found", false);
        details.put("salesCycleMonths", 6L);
        details.put("dueDate", null);
        details.put("mixed", Arrays.asList(1, null, true, "x"));

        assertThat(DetailsJson.write(details)).isEqualTo(new ObjectMapper().writeValueAsString(details));
    }

    @Test
    void refusesAValueItCannotWrite() {
        assertThatThrownBy(() -> DetailsJson.write(Map.of("at", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
