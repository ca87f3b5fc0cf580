package io.leadrelay.ingest.api;

import jakarta.ws.rs.core.MediaType;

import io.leadrelay.ingest.problem.ProblemException;

/** Parses a Content-Type header; an unparsable one is a 415 like a wrong one. */
public final class MediaTypes {

    private MediaTypes() {
    }

    public static MediaType parse(String header) {
        if (header == null || header.isBlank()) {
            throw ProblemException.unsupportedMediaType("a Content-Type header is required");
        }
        try {
            return MediaType.valueOf(header);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unsupportedMediaType("the Content-Type header cannot be parsed");
        }
    }
}
