package io.leadrelay.ingest.webhook;

/** Ad platforms send one full name; the lead has first and last names. */
public final class Names {

    private Names() {
    }

    /** "Anna Maria Schmidt" → ["Anna Maria", "Schmidt"]; a single word is the last name. */
    public static String[] split(String fullName) {
        String name = fullName.strip().replaceAll("\\s+", " ");
        int space = name.lastIndexOf(' ');
        return space < 0 ? new String[] {null, name} : new String[] {name.substring(0, space), name.substring(space + 1)};
    }
}
