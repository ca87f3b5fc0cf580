package io.leadrelay.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class SharedEndOffsetsTest {

    private static final TopicPartition RAW_0 = new TopicPartition("leads.raw", 0);

    /** Lookups the way the admin client answers them: later, in the order they were sent. */
    private final List<CompletableFuture<Map<TopicPartition, Long>>> sent = new ArrayList<>();
    private final SharedEndOffsets offsets = new SharedEndOffsets(() -> {
        CompletableFuture<Map<TopicPartition, Long>> lookup = new CompletableFuture<>();
        sent.add(lookup);
        return lookup;
    });

    @Test
    void requestsArrivingWhileALookupIsOnItsWayShareTheNextOneInsteadOfSendingTheirOwn() throws Exception {
        CompletableFuture<Map<TopicPartition, Long>> first = offsets.fresh();
        List<CompletableFuture<Map<TopicPartition, Long>>> later = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            later.add(offsets.fresh());
        }
        assertThat(sent).hasSize(1);

        sent.get(0).complete(Map.of(RAW_0, 10L));

        assertThat(first.get()).containsEntry(RAW_0, 10L);
        assertThat(sent).as("one lookup for all twenty, sent once the first was answered").hasSize(2);
        assertThat(later).noneMatch(CompletableFuture::isDone);
        sent.get(1).complete(Map.of(RAW_0, 15L));
        for (CompletableFuture<Map<TopicPartition, Long>> request : later) {
            assertThat(request.get()).containsEntry(RAW_0, 15L);
        }
    }

    @Test
    void aRequestNeverGetsTheAnswerOfALookupSentBeforeItArrived() throws Exception {
        offsets.fresh();
        CompletableFuture<Map<TopicPartition, Long>> arrivedDuringTheFirst = offsets.fresh();

        // a lead acknowledged meanwhile moved the end from 10 to 11: the first answer is too old for this request
        sent.get(0).complete(Map.of(RAW_0, 10L));
        assertThat(arrivedDuringTheFirst).isNotDone();
        sent.get(1).complete(Map.of(RAW_0, 11L));

        assertThat(arrivedDuringTheFirst.get()).containsEntry(RAW_0, 11L);
    }

    @Test
    void whenNothingIsOnItsWayARequestSendsALookupAtOnce() throws Exception {
        offsets.fresh();
        sent.get(0).complete(Map.of(RAW_0, 3L));

        CompletableFuture<Map<TopicPartition, Long>> afterwards = offsets.fresh();

        assertThat(sent).hasSize(2);
        sent.get(1).complete(Map.of(RAW_0, 4L));
        assertThat(afterwards.get()).containsEntry(RAW_0, 4L);
    }

    @Test
    void aFailedLookupFailsTheRequestsThatWaitedForItAndTheNextRequestTriesAgain() throws Exception {
        offsets.fresh();
        CompletableFuture<Map<TopicPartition, Long>> waiting = offsets.fresh();
        sent.get(0).complete(Map.of(RAW_0, 1L));
        sent.get(1).completeExceptionally(new IllegalStateException("broker down"));

        assertThat(waiting).isCompletedExceptionally();
        CompletableFuture<Map<TopicPartition, Long>> retry = offsets.fresh();
        assertThat(sent).hasSize(3);
        sent.get(2).complete(Map.of(RAW_0, 2L));
        assertThat(retry.get()).containsEntry(RAW_0, 2L);
    }

    @Test
    void aLookupThatCannotEvenBeSentFailsOnlyItsOwnRequest() throws ExecutionException, InterruptedException {
        int[] calls = {0};
        SharedEndOffsets failingOnce = new SharedEndOffsets(() -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("admin client closed");
            }
            return CompletableFuture.completedFuture(Map.of(RAW_0, 7L));
        });

        assertThat(failingOnce.fresh()).isCompletedExceptionally();
        assertThat(failingOnce.fresh().get()).containsEntry(RAW_0, 7L);
    }
}
