package io.leadrelay.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadrelay.ingest.problem.ProblemException;

class CsvRowsTest {

    private static CsvRows csv(String text) {
        return new CsvRows(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void quotedFieldsWithSeparatorsQuotesAndLineBreaksAreOneField() {
        CsvRows rows = csv("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\r\nbye\"\r\n\r\nlast,row");
        assertThat(rows.header()).containsExactly("a", "b");
        CsvRows.Row first = rows.next();
        assertThat(first.fields()).containsExactly("x, y", "say \"hi\"\r\nbye");
        assertThat(rows.next().fields()).containsExactly("last", "row");
        assertThat(rows.next()).isNull();
    }

    @Test
    void semicolonSeparatedSpreadsheetExportsAreRecognised() {
        CsvRows rows = csv("firstName;company\nAnna;Example, GmbH\n");
        assertThat(rows.next().fields()).isEqualTo(List.of("Anna", "Example, GmbH"));
    }

    @Test
    void duplicateHeadersUnclosedQuotesAndBrokenUtf8AreMalformed() {
        assertThatThrownBy(() -> csv("email,Email,email\n")).isInstanceOf(ProblemException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> csv("a,b\n\"open,x\n").next()).isInstanceOf(ProblemException.class);
        byte[] broken = {'a', '\n', (byte) 0xC3, 0x28, '\n'};
        assertThatThrownBy(() -> new CsvRows(new ByteArrayInputStream(broken)).next()).isInstanceOf(ProblemException.class)
                .hasMessageContaining("UTF-8");
    }
}
