package io.leadrelay.ingest.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.leadrelay.ingest.problem.ProblemException;

/**
 * Streams CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF) record by record
 * from a UTF-8 body. The header row names the columns; a BOM is skipped; spreadsheets that write ';' as the
 * separator are recognised from the header. Broken UTF-8, an unclosed quote or a bad header is a 400.
 */
public final class CsvRows implements AutoCloseable {

    /** One data record: its 1-based row number (header excluded), its fields, and its text as it stood. */
    public record Row(int number, List<String> fields, String raw) {
    }

    private static final int MAX_FIELD_CHARS = 100_000;

    private final Reader reader;
    private final List<String> header;
    private final String headerLine;
    private final char separator;
    private int pushedBack = -2;
    private int rowNumber;

    public CsvRows(InputStream in) {
        this.reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        this.headerLine = readHeaderLine();
        this.separator = headerLine.indexOf(',') < 0 && headerLine.indexOf(';') >= 0 ? ';' : ',';
        List<String> names = parseRecord(new StringReaderSource(headerLine)).fields;
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isBlank()) {
                throw ProblemException.malformed("the CSV header has an empty column name");
            }
            if (!seen.add(name.strip())) {
                throw ProblemException.malformed("the CSV header names a column twice: " + abbreviate(name.strip()));
            }
        }
        this.header = names.stream().map(String::strip).toList();
    }

    public List<String> header() {
        return header;
    }

    /** The header row as it stood (without BOM and line break), kept with each row's raw submission. */
    public String headerLine() {
        return headerLine;
    }

    /** The next non-blank record, or null at the end of the body. */
    public Row next() {
        while (true) {
            Record record = parseRecord(this::read);
            if (record == null) {
                return null;
            }
            if (record.fields.size() == 1 && record.fields.get(0).isEmpty()) {
                continue;
            }
            return new Row(++rowNumber, record.fields, record.raw.toString());
        }
    }

    private String readHeaderLine() {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() > MAX_FIELD_CHARS) {
                throw ProblemException.malformed("the CSV header row is too long");
            }
        }
        String text = Utf8.withoutBom(line.toString());
        if (text.isBlank()) {
            throw ProblemException.malformed("a CSV batch needs a header row naming the columns");
        }
        return text;
    }

    private interface Source {
        int read();
    }

    private record StringReaderSource(String text, int[] position) implements Source {
        StringReaderSource(String text) {
            this(text, new int[1]);
        }

        @Override
        public int read() {
            return position[0] < text.length() ? text.charAt(position[0]++) : -1;
        }
    }

    private static final class Record {
        final List<String> fields = new ArrayList<>();
        final StringBuilder raw = new StringBuilder();
    }

    private Record parseRecord(Source source) {
        int c = source.read();
        if (c < 0) {
            return null;
        }
        Record record = new Record();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (c < 0) {
                if (quoted) {
                    throw ProblemException.malformed("a quoted CSV field is not closed (row " + (rowNumber + 1) + ")");
                }
                record.fields.add(field.toString());
                return record;
            }
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    int next = source.read();
                    if (next == '"') {
                        field.append('"');
                        record.raw.append("\"\"");
                    } else {
                        quoted = false;
                        record.raw.append('"');
                        c = next;
                        continue;
                    }
                } else {
                    field.append(ch);
                    record.raw.append(ch);
                }
            } else if (ch == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                record.raw.append(ch);
            } else if (ch == separator) {
                record.fields.add(field.toString());
                record.raw.append(ch);
                field.setLength(0);
                wasQuoted = false;
            } else if (ch == '\n') {
                record.fields.add(field.toString());
                return record;
            } else if (ch == '\r') {
                int next = source.read();
                if (next != '\n' && next >= 0) {
                    pushBack(next);
                }
                record.fields.add(field.toString());
                return record;
            } else if (wasQuoted) {
                throw ProblemException.malformed("text after a closing quote in CSV row " + (rowNumber + 1));
            } else {
                field.append(ch);
                record.raw.append(ch);
            }
            if (field.length() > MAX_FIELD_CHARS) {
                throw ProblemException.malformed("a CSV field exceeds " + MAX_FIELD_CHARS + " characters");
            }
            c = source.read();
        }
    }

    private void pushBack(int c) {
        pushedBack = c;
    }

    private int read() {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        try {
            return reader.read();
        } catch (CharacterCodingException e) {
            throw ProblemException.malformed("the CSV body is not valid UTF-8 (row " + (rowNumber + 1) + ")");
        } catch (IOException e) {
            throw ProblemException.malformed("the CSV body could not be read");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // the request body; nothing left to release
        }
    }
}
