package com.styleshepherd.workflows.conversation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.workflows.RecordingEngine;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays recorded conversation histories against today's code: a change that would break running
 * conversations (a step moved between activity kinds, a new call before an old one) fails here, not in
 * production. {@code v1-*} was recorded on the test server with understand, reply and record as local
 * activities; {@code v2-*} on a real Temporal server ({@code scripts/record-histories.sh}); {@code v3-*} there
 * too, with a "buy it" turn that opens a checkout and starts its workflow as a child.
 */
class ConversationReplayTest {

    static List<Path> histories() throws IOException {
        try (Stream<Path> files = Files.list(ConversationHistories.DIRECTORY)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("histories")
    void replaysDeterministically(Path history) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(Files.readString(history), ConversationWorkflowImpl.class);
    }

    @Test
    void todaysCodeReplaysItsOwnHistory() throws Exception {
        String history;
        try (RecordingEngine engine = RecordingEngine.testServer()) {
            history = ConversationHistories.record(engine);
        }

        assertTrue(history.contains("EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED"), "the turns are in it");
        assertTrue(history.contains("EVENT_TYPE_MARKER_RECORDED"), "local activities are in it");
        WorkflowReplayer.replayWorkflowExecution(history, ConversationWorkflowImpl.class);
    }

    @Test
    void aRecordedHistoryIsKept() throws IOException {
        assertFalse(histories().isEmpty(), "record one with ConversationHistories.main");
    }
}
