package io.leadrelay.ingest.batch;

import java.util.List;

/** The answer to a batch: counts and one result per row, in row order. */
public record BatchResult(int total, int accepted, int rejected, List<RowResult> results) {
}
