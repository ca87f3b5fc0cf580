package io.leadrelay.ingest.formats;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

import jakarta.ws.rs.core.MediaType;

import io.leadrelay.ingest.problem.ProblemException;

/** Reading request bodies within a size limit, and checking their content type. */
public final class Bodies {

    private Bodies() {
    }

    /** The whole body, at most {@code limit} bytes; more is refused with 413 before it is all read. */
    public static byte[] read(InputStream in, long limit) {
        try (InputStream limited = limited(in, limit)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            limited.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw ProblemException.malformed("the request body could not be read");
        }
    }

    /** A stream that fails with 413 as soon as more than {@code limit} bytes have been read. */
    public static InputStream limited(InputStream in, long limit) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) {
                count += n;
                if (count > limit) {
                    throw ProblemException.tooLarge("the body exceeds " + limit + " bytes");
                }
            }
        };
    }

    /** Checks that the body is of {@code expected} (parameters aside) in UTF-8 (or US-ASCII), or refuses it with 415. */
    public static void requireType(MediaType actual, MediaType... expected) {
        if (actual == null) {
            throw ProblemException.unsupportedMediaType("a Content-Type header is required");
        }
        boolean matches = false;
        for (MediaType type : expected) {
            matches |= type.getType().equalsIgnoreCase(actual.getType()) && type.getSubtype().equalsIgnoreCase(actual.getSubtype());
        }
        if (!matches) {
            throw ProblemException.unsupportedMediaType("expected " + java.util.Arrays.toString(expected));
        }
        String charset = actual.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !isUtf8Compatible(charset)) {
            throw ProblemException.unsupportedMediaType("only UTF-8 bodies are accepted");
        }
    }

    public static boolean is(MediaType actual, MediaType type) {
        return actual != null && type.getType().equalsIgnoreCase(actual.getType())
                && type.getSubtype().equalsIgnoreCase(actual.getSubtype());
    }

    private static boolean isUtf8Compatible(String name) {
        try {
            Charset charset = Charset.forName(name.trim().toLowerCase(Locale.ROOT));
            return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return false;
        }
    }
}
