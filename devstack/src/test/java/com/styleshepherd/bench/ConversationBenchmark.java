package com.styleshepherd.bench;

import com.styleshepherd.api.Api;
import com.styleshepherd.devstack.DevStack;
import com.styleshepherd.gpu.speech.FreeTtsTextToSpeech;
import com.styleshepherd.gpu.speech.SpeechRoundTrip;
import com.styleshepherd.gpu.speech.TextToSpeech;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/**
 * Conversation turns under load, over HTTP on the dev stack (embedded Temporal, PostgreSQL, Redis, both
 * workers, the demo catalog, the rule-based stylist, local Sphinx4 and FreeTTS).
 *
 * <ol>
 *   <li><b>text turns</b>: {@code bench.concurrency} shoppers (default 20), each in its own conversation,
 *       in a closed loop through a script of eight turns (search, "cheaper ones", "in black",
 *       add, size advice, cart, remove, recommendation); latency is the whole {@code POST .../turns} as the
 *       frontend sees it (the workflow Update, every activity, Valkey and PostgreSQL writes);</li>
 *   <li><b>audio turns</b>: {@code bench.audio-clients} shoppers (default 2, the gpu worker's two
 *       recognisers) send the FreeTTS-rendered shopping phrases of {@link SpeechRoundTrip} as WAV with
 *       {@code speak=true}: speech-to-text, the turn, and text-to-speech of the reply; the transcripts are
 *       scored against what was said (word accuracy).</li>
 * </ol>
 * Run: {@code ./mvnw -q -Pbench -pl devstack -am -DskipTests verify -Dbench.main=com.styleshepherd.bench.ConversationBenchmark}
 * (knobs: {@code -Dbench.concurrency=20 -Dbench.seconds=60 -Dbench.warmup-seconds=15 -Dbench.audio-clients=2}).
 * Writes {@code docs/benchmarks/conversation.md}.
 */
public final class ConversationBenchmark {

    static final double GOAL_P50_MS = 100;
    static final double GOAL_P99_MS = 300;
    static final List<String> SCRIPT = List.of(
            "Show me dresses under 150 dollars",
            "Show me cheaper ones",
            "What about in black",
            "Add the first one in M",
            "What size should I get?",
            "What's in my cart?",
            "Remove the first one",
            "Recommend something for a wedding");

    private ConversationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int concurrency = Integer.getInteger("bench.concurrency", 20);
        int audioClients = Integer.getInteger("bench.audio-clients", 2);
        Duration measure = Duration.ofSeconds(Integer.getInteger("bench.seconds", 60));
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 15));
        Path report = Path.of(System.getProperty("bench.docs", "docs/benchmarks")).resolve("conversation.md");

        int exit = 0;
        try (DevStackRun stack = DevStackRun.start(ConversationBenchmark.class, args)) {
            Turns turns = new Turns(stack, Math.max(concurrency, audioClients));
            System.out.printf("Warm-up: %d s of text turns, %d s of audio turns%n", warmup.toSeconds(), warmup.toSeconds());
            ClosedLoop.run("warm-up", concurrency, warmup, turns::text);
            // As many audio clients as recognisers: each recogniser is built (seconds) before measuring.
            ClosedLoop.run("warm-up", audioClients, warmup, turns::audio);
            turns.heard.clear();
            System.out.println("Measuring");
            ProcessCpu.Sample before = ProcessCpu.sample();
            ClosedLoop.Result text = ClosedLoop.run("text turns", concurrency, measure, turns::text);
            Map<String, Duration> textCpu = ProcessCpu.sample().since(before);
            ClosedLoop.Result audio = ClosedLoop.run("audio turns", audioClients, measure, turns::audio);

            String out = report(concurrency, audioClients, measure, text, audio, turns, textCpu,
                    stack.setting(DevStack.TEMPORAL_PROPERTY));
            System.out.println(out);
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, out);
            System.out.println("Written to " + report.toAbsolutePath().normalize());
            if (text.errors() > 0 || audio.errors() > 0) {
                exit = 1;
            }
        }
        System.exit(exit);
    }

    static String report(int concurrency, int audioClients, Duration measure, ClosedLoop.Result text,
            ClosedLoop.Result audio, Turns turns, Map<String, Duration> textCpu, Object engine) {
        StringBuilder out = new StringBuilder("# Conversation benchmark: latest run\n\n");
        out.append("Written by `./mvnw -q -Pbench -pl devstack -am -DskipTests verify -Dbench.main=com.styleshepherd.bench.ConversationBenchmark`;"
                + " see [../performance.md](../performance.md).\n\n");
        out.append(String.format(Locale.ROOT, "- when: %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        out.append(String.format(Locale.ROOT, "- machine: %d cores, %s %s; dev stack (Temporal: %s), client in the same JVM%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                engine));
        out.append(String.format(Locale.ROOT, "- text: %d conversations in a closed loop over an %d-turn script, %d s; "
                + "audio: %d conversations, %d rendered phrases, `speak=true`, %d s%n%n",
                concurrency, SCRIPT.size(), measure.toSeconds(), audioClients, turns.clips.size(), measure.toSeconds()));
        out.append("| workload | turns | errors | turns/s | p50 ms | p90 ms | p99 ms | max ms |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        out.append(row("text turn, `POST /api/conversations/{id}/turns` (JSON)", text));
        out.append(row("audio turn, WAV in, speech-to-text + turn + text-to-speech (base64 out)", audio));
        out.append(String.format(Locale.ROOT, "%n- text turn p50 **%.0f ms** (goal < %.0f ms: %s), p99 **%.0f ms** (goal < %.0f ms: %s)%n",
                text.millis(50), GOAL_P50_MS, text.millis(50) < GOAL_P50_MS ? "met" : "NOT met",
                text.millis(99), GOAL_P99_MS, text.millis(99) < GOAL_P99_MS ? "met" : "NOT met"));
        out.append("\n| CPU ms per text turn | |\n|---|---:|\n");
        ProcessCpu.PerUnit perTurn = ProcessCpu.PerUnit.of(textCpu, Math.max(1, text.completed()));
        perTurn.byRole().forEach((role, millis) -> out.append(String.format(Locale.ROOT, "| %s | %.1f |%n", role, millis)));
        out.append(String.format(Locale.ROOT, "| **all processes** | **%.1f** |%n%n", perTurn.total()));
        int words = 0;
        int errors = 0;
        int intents = 0;
        for (Map.Entry<Integer, String> heard : turns.heard.entrySet()) {
            List<String> said = SpeechRoundTrip.words(SpeechRoundTrip.PHRASES.get(heard.getKey()));
            words += said.size();
            errors += SpeechRoundTrip.editDistance(said, SpeechRoundTrip.words(heard.getValue()));
        }
        out.append(String.format(Locale.ROOT, "- audio transcripts (last heard of each of %d phrases): word accuracy **%.3f**%n",
                turns.heard.size(), words == 0 ? Double.NaN : 1.0 - (double) errors / words));
        for (ClosedLoop.Result result : List.of(text, audio)) {
            if (result.firstError() != null) {
                out.append("- first ").append(result.workload()).append(" error: `").append(result.firstError()).append("`\n");
            }
        }
        return out.toString();
    }

    private static String row(String name, ClosedLoop.Result result) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.0f | %.0f | %.0f | %.0f |%n", name, result.completed(),
                result.errors(), result.throughput(), result.millis(50), result.millis(90), result.millis(99),
                result.latencies().getMaxValue() / 1000.0);
    }

    /** The shoppers, their conversations and the rendered phrases. */
    static final class Turns {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final URI base;
        private final JsonMapper json;
        private final String[] tokens;
        private final String[] conversations;
        private final AtomicInteger[] step;
        final List<byte[]> clips = new ArrayList<>();
        final Map<Integer, String> heard = new ConcurrentHashMap<>();

        Turns(DevStackRun stack, int shoppers) throws Exception {
            this.base = stack.baseUri();
            this.json = stack.context().getBean(JsonMapper.class);
            this.tokens = new String[shoppers];
            this.conversations = new String[shoppers];
            this.step = new AtomicInteger[shoppers];
            try (Api api = Api.of(stack.context().getBean(EmbeddedServer.class))) {
                String ops = BenchApi.token(api, "bench-ops", "ops");
                // The demo catalog was seeded at start; its embedding job must be done before searching.
                BenchApi.embedAll(api, ops);
                for (int i = 0; i < shoppers; i++) {
                    tokens[i] = BenchApi.token(api, "talker-" + i, "shopper");
                    conversations[i] = (String) BenchApi.ok(api.post("/api/conversations", tokens[i], Map.of()))
                            .body().get("conversationId");
                    step[i] = new AtomicInteger();
                }
            }
            TextToSpeech voice = new FreeTtsTextToSpeech();
            for (String phrase : SpeechRoundTrip.PHRASES) {
                if (!phrase.equals("goodbye")) {
                    clips.add(voice.synthesize(phrase).audio());
                }
            }
        }

        void text(int client) throws IOException, InterruptedException {
            String said = SCRIPT.get(Math.floorMod(step[client].getAndIncrement(), SCRIPT.size()));
            send(client, HttpRequest.newBuilder(turnsUri(client, ""))
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of("text", said)))));
        }

        void audio(int client) throws IOException, InterruptedException {
            int phrase = Math.floorMod(step[client].getAndIncrement(), clips.size());
            HttpEntity form = MultipartEntityBuilder.create()
                    .addBinaryBody("audio", clips.get(phrase), ContentType.create("audio/wav"), "turn.wav").build();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            form.writeTo(body);
            Map<?, ?> answer = send(client, HttpRequest.newBuilder(turnsUri(client, "?speak=true"))
                    .header("Content-Type", form.getContentType())
                    .POST(BodyPublishers.ofByteArray(body.toByteArray())));
            if (answer.get("audio") == null) {
                throw new IllegalStateException("no spoken reply: " + answer);
            }
            heard.put(phrase, String.valueOf(answer.get("transcript")));
        }

        private URI turnsUri(int client, String query) {
            return base.resolve("/api/conversations/" + conversations[client] + "/turns" + query);
        }

        private Map<?, ?> send(int client, HttpRequest.Builder request) throws IOException, InterruptedException {
            HttpResponse<byte[]> response = http.send(request.header("Authorization", "Bearer " + tokens[client])
                    .timeout(Duration.ofSeconds(60)).build(), BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " " + new String(response.body()));
            }
            return json.readValue(response.body(), Map.class);
        }
    }
}
