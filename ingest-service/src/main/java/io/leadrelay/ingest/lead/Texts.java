package io.leadrelay.ingest.lead;

import java.util.regex.Pattern;

/** Character rules for submitted text: what may appear in names, companies and free text. */
public final class Texts {

    /** Letters of any script, combining marks, spaces, apostrophes, hyphens and dots: "Anne-Marie O'Brien Jr." */
    public static final Pattern PERSON_NAME = Pattern.compile("[\\p{L}\\p{M}](?:[\\p{L}\\p{M} '’.\\-]*[\\p{L}\\p{M}.])?");
    /** Company and product names: "Müller & Söhne (GmbH)", "AT&T", "1&1 Versatel", "Example, Inc.", "Model #4/B+". */
    public static final Pattern BUSINESS_TEXT = Pattern.compile("[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N} &'’.,()/+#!@:_\\-]*[\\p{L}\\p{M}\\p{N}.)!+])?");
    /** Markup that would run as script where the lead is displayed. */
    private static final Pattern MARKUP = Pattern.compile("(?i)<\\s*[a-z/!?]|javascript\\s*:|data\\s*:\\s*text/html|\\bon[a-z]+\\s*=");
    /** Statement separators and comments of SQL; they never occur in a name. */
    private static final Pattern SQL_FRAGMENT = Pattern.compile("--|/\\*|\\*/|;");
    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

    private Texts() {
    }

    /**
     * Whether the text has characters no honest form sends: control characters (tabs and line breaks only where
     * allowed), invisible format characters such as bidi overrides, unpaired surrogates, noncharacters and the
     * replacement character left by a broken encoding.
     */
    public static boolean hasForbiddenCharacters(String text, boolean lineBreaksAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                int cp = text.codePointAt(i);
                if ((cp & 0xFFFE) == 0xFFFE) {
                    return true;
                }
                i++;
                continue;
            }
            if (Character.isLowSurrogate(c) || c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF'
                    || (c >= '\uFDD0' && c <= '\uFDEF')) {
                return true;
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL) {
                if (!(lineBreaksAllowed && (c == '\n' || c == '\r' || c == '\t'))) {
                    return true;
                }
            } else if (type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE) {
                return true;
            }
        }
        return false;
    }

    public static boolean hasMarkup(String text) {
        // Every form of markup needs one of these characters; most fields have none, so the pattern rarely runs.
        return (text.indexOf('<') >= 0 || text.indexOf(':') >= 0 || text.indexOf('=') >= 0) && MARKUP.matcher(text).find();
    }

    public static boolean hasSqlFragment(String text) {
        return (text.indexOf('-') >= 0 || text.indexOf('*') >= 0 || text.indexOf(';') >= 0) && SQL_FRAGMENT.matcher(text).find();
    }

    /** Trims and collapses runs of whitespace, so "  Anna   Maria " is stored as "Anna Maria". */
    public static String tidy(String text) {
        String stripped = text.strip();
        return isTidy(stripped) ? stripped : WHITESPACE_RUN.matcher(stripped).replaceAll(" ");
    }

    /** Whether the only whitespace is single spaces, i.e. {@link #tidy} would change nothing (the usual case). */
    private static boolean isTidy(String text) {
        boolean afterSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                if (afterSpace) {
                    return false;
                }
                afterSpace = true;
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return false;
            } else {
                afterSpace = false;
            }
        }
        return true;
    }
}
