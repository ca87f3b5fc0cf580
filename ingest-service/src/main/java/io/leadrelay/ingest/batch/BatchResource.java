package io.leadrelay.ingest.batch;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.leadrelay.ingest.api.LeadReception;
import io.leadrelay.ingest.api.MediaTypes;
import io.leadrelay.ingest.config.IngestConfig;
import io.leadrelay.ingest.formats.Bodies;
import io.leadrelay.ingest.formats.CsvRows;
import io.leadrelay.ingest.formats.JsonSubmissions;
import io.leadrelay.ingest.intake.BrokerUnavailableException;
import io.leadrelay.ingest.intake.Receipt;
import io.leadrelay.ingest.lead.FieldError;
import io.leadrelay.ingest.lead.LeadSubmission;
import io.leadrelay.ingest.lead.Normalised;
import io.leadrelay.ingest.lead.Origin;
import io.leadrelay.ingest.problem.Problem;
import io.leadrelay.ingest.problem.ProblemException;
import io.leadrelay.ingest.problem.ProblemMappers;
import io.smallrye.common.annotation.Blocking;

/**
 * Fair lists and imports: CSV with a header row, or a JSON array, up to the configured number of rows. The body
 * is parsed as it streams in and every row validated before anything is written, so a malformed body (400) or an
 * oversized one (413) publishes nothing; then all valid rows are written and the answer waits for every ack.
 */
@Path("/api/v1/leads/batch")
@Tag(name = "leads")
public class BatchResource {

    public static final String SOURCE = "list-import";
    private static final String CSV_EXAMPLE = """
            firstName,lastName,email,company,country,postalCode,consent.marketing,expectedVolume.amount,expectedVolume.currency
            Anna,Schmidt,anna@example-gmbh.de,Example GmbH,Deutschland,80538,true,120000,EUR
            """;
    private static final String RESULT_EXAMPLE = """
            {"total": 2, "accepted": 1, "rejected": 1, "results": [
              {"row": 1, "leadId": "0d6f2a52-2c9e-4a0e-9b39-8f0f4f1e9d11", "state": "RECEIVED"},
              {"row": 2, "errors": [{"field": "email", "code": "INVALID", "message": "not an email address"}]}]}""";

    private final LeadReception reception;
    private final IngestConfig config;

    public BatchResource(LeadReception reception, IngestConfig config) {
        this.reception = reception;
        this.config = config;
    }

    /** A row read and validated, waiting to be written. */
    private record Row(int number, Normalised lead, String raw) {
    }

    @POST
    @Blocking
    @Operation(summary = "Submit many leads: text/csv with a header row, or a JSON array",
            description = "Per-row results in row order: the lead id, or that row's errors. Valid rows are stored even "
                    + "when others are invalid. With an Idempotency-Key, row n gets the id of (key, n), so a retried batch "
                    + "writes nothing twice.")
    @RequestBody(content = {@Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE)),
            @Content(mediaType = MediaType.APPLICATION_JSON)})
    @APIResponse(responseCode = "200", description = "Every row answered; accepted rows are stored in Kafka",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResult.class),
                    examples = @ExampleObject(name = "result", value = RESULT_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed CSV/JSON or header; nothing stored", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "More than 10,000 rows or 20 MiB; nothing stored", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge every row; 'results' lists the stored ones",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response submit(@HeaderParam("Content-Type") String contentType,
            @HeaderParam(LeadReception.IDEMPOTENCY_KEY) String idempotencyKey, InputStream body) {
        List<Row> rows;
        String key;
        try {
            key = LeadReception.idempotencyKey(idempotencyKey);
            MediaType type = MediaTypes.parse(contentType);
            Bodies.requireType(type, MediaType.valueOf("text/csv"), MediaType.APPLICATION_JSON_TYPE);
            InputStream limited = Bodies.limited(body, config.limits().batchMaxBodyBytes());
            rows = Bodies.is(type, MediaType.APPLICATION_JSON_TYPE) ? readJson(limited) : readCsv(limited);
        } catch (ProblemException e) {
            reception.refused(SOURCE);
            throw e;
        }
        return write(rows, key);
    }

    private List<Row> readCsv(InputStream body) {
        List<Row> rows = new ArrayList<>();
        try (CsvRows csv = new CsvRows(body)) {
            List<String> header = csv.header();
            for (CsvRows.Row row = csv.next(); row != null; row = csv.next()) {
                checkRowLimit(row.number());
                LeadSubmission submission = new LeadSubmission();
                if (row.fields().size() != header.size()) {
                    submission.structuralError(new FieldError("", "COLUMN_COUNT",
                            "row has " + row.fields().size() + " fields, the header " + header.size()));
                } else {
                    for (int i = 0; i < header.size(); i++) {
                        if (!row.fields().get(i).isEmpty()) {
                            submission.putText(header.get(i), row.fields().get(i));
                        }
                    }
                }
                rows.add(validate(row.number(), submission, csv.headerLine() + "\r\n" + row.raw()));
            }
        }
        return rows;
    }

    private List<Row> readJson(InputStream body) {
        List<Row> rows = new ArrayList<>();
        Consumer<JsonNode> each = node -> {
            int number = rows.size() + 1;
            checkRowLimit(number);
            rows.add(validate(number, JsonSubmissions.fromObject(node), compact(node)));
        };
        JsonSubmissions.streamArray(body, each);
        return rows;
    }

    private void checkRowLimit(int number) {
        if (number > config.limits().batchMaxRows()) {
            throw ProblemException.tooLarge("a batch holds at most " + config.limits().batchMaxRows() + " rows");
        }
    }

    private Row validate(int number, LeadSubmission submission, String raw) {
        return new Row(number, reception.normalise(SOURCE, submission, Origin.of(SOURCE, null)), raw);
    }

    private Response write(List<Row> rows, String key) {
        boolean anyValid = rows.stream().anyMatch(r -> r.lead().isAccepted());
        if (key != null && anyValid) {
            try {
                reception.intake().prepareForKeys();
            } catch (BrokerUnavailableException e) {
                reception.intake().metrics().failed(SOURCE);
                throw reception.unavailable();
            }
        }
        List<CompletableFuture<Receipt>> writes = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (row.lead().isAccepted()) {
                String rowKey = key == null ? null : key + "#" + row.number();
                String contentType = row.raw().startsWith("{") ? MediaType.APPLICATION_JSON : "text/csv";
                writes.add(reception.write(SOURCE, row.lead(), contentType, row.raw(), SOURCE, rowKey, false));
            } else {
                writes.add(null);
            }
        }
        List<RowResult> results = new ArrayList<>(rows.size());
        int accepted = 0;
        int rejected = 0;
        boolean lost = false;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            CompletableFuture<Receipt> write = writes.get(i);
            if (write == null) {
                results.add(RowResult.rejected(row.number(), row.lead().errors()));
                rejected++;
                continue;
            }
            try {
                results.add(RowResult.received(row.number(), write.join().leadId()));
                accepted++;
            } catch (RuntimeException e) {
                results.add(RowResult.notStored(row.number()));
                lost = true;
            }
        }
        if (lost) {
            // Never a 2xx while a valid row is not stored; the stored rows are listed so a retry can skip them.
            Problem problem = reception.unavailable().problem().withResults(results);
            return ProblemMappers.toResponse(problem, reception.unavailable().retryAfterSeconds());
        }
        return Response.ok(new BatchResult(rows.size(), accepted, rejected, results), MediaType.APPLICATION_JSON).build();
    }

    private static String compact(JsonNode node) {
        try {
            return JsonSubmissions.STRICT.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw ProblemException.malformed("a row cannot be written back as JSON");
        }
    }
}
