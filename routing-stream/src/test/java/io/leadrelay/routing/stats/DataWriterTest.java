package io.leadrelay.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class DataWriterTest {

    private static final List<String> STRINGS = List.of("", "leads", "transition.NEW->RECEIVED", "a|b%c",
            "what?", "?", "nul\u0000inside", "\u0000", "zustand.übernommen", "Straße", "\u007f\u0080\u00ff",
            "\u0100\u07ff\u0800", "€ 1.000", "商务合作", "emoji \uD83D\uDE00 pair", "lone \uD800 high", "lone \uDC00 low",
            "\uFFFF", "Ł", "x".repeat(1_000));

    private static byte[] utf(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DataOutputStream(bytes).writeUTF(s);
        return bytes.toByteArray();
    }

    private static byte[] written(String s) {
        DataWriter out = new DataWriter(0);
        out.writeUTF(s);
        return out.toByteArray();
    }

    @Test
    void stringsAreWrittenAsDataOutputStreamWritesThem() throws IOException {
        for (String s : STRINGS) {
            assertThat(written(s)).as(s).isEqualTo(utf(s));
            assertThat(DataWriter.modifiedUtf8(s)).as(s).isEqualTo(utf(s));
            assertThat(new DataInputStream(new ByteArrayInputStream(written(s))).readUTF()).isEqualTo(s);
        }
    }

    @Test
    void everyCharIsWrittenAsDataOutputStreamWritesIt() throws IOException {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String s = "k" + (char) c + "?";
            assertThat(written(s)).as("U+%04X", c).isEqualTo(utf(s));
            assertThat(DataWriter.modifiedUtf8(s)).as("U+%04X", c).isEqualTo(utf(s));
        }
    }

    @Test
    void numbersAndManyValuesAreWrittenAsDataOutputStreamWritesThem() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream reference = new DataOutputStream(expected);
        DataWriter out = new DataWriter(1);
        long[] values = { 0, 1, -1, 127, 128, 255, 256, 32_767, 32_768, 65_535, 65_536, Integer.MAX_VALUE,
                Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1_795_000_000_000L };
        for (int round = 0; round < 50; round++) {
            for (long v : values) {
                reference.writeByte((int) v);
                reference.writeShort((int) v);
                reference.writeInt((int) v);
                reference.writeLong(v);
                reference.writeUTF("p-" + v);
                out.writeByte((int) v);
                out.writeShort((int) v);
                out.writeInt((int) v);
                out.writeLong(v);
                out.writeUTF("p-" + v);
            }
        }
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void aStringTooLongForItsLengthFailsAsDataOutputStreamDoes() throws IOException {
        String longest = "x".repeat(65_535);
        assertThat(written(longest)).isEqualTo(utf(longest));
        for (String tooLong : List.of("x".repeat(65_536), "ü".repeat(32_768), "€".repeat(21_846))) {
            assertThatThrownBy(() -> utf(tooLong)).isInstanceOf(UTFDataFormatException.class);
            assertThatThrownBy(() -> written(tooLong)).isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(UTFDataFormatException.class);
        }
    }
}
