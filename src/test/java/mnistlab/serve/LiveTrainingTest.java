package mnistlab.serve;

import com.google.gson.JsonObject;
import mnistlab.TestData;
import mnistlab.engine.Experiment;
import mnistlab.engine.SpecJson;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.result.TrainingResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A training followed over server-sent events, as the page follows it: every event, replay on reconnect, the stop button. */
class LiveTrainingTest {
    @TempDir
    static Path tmp;
    private static LabServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        server = LabServer.start(tmp.resolve("runs"), "127.0.0.1", 0, new PrintStream(System.err, true));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ExperimentSpec tiny(int epochs) throws IOException {
        return ExperimentSpec.builder("live").mnist(TestData.mnistRoot()).limits(600, 200).validation(100)
                .flatten().linear(32).relu().linear(10)
                .train(t -> t.withEpochs(epochs).withBatchSize(50).withRecordEvery(4).withDevice("cpu")).build();
    }

    /** The events of /api/live as JSON objects with their ids, until the training's end. */
    private static List<JsonObject> follow(String lastEventId, Consumer<JsonObject> onEach) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("/api/live")).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<JsonObject> events = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            String id = null;
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    JsonObject event = SpecJson.gson().fromJson(line.substring(6), JsonObject.class);
                    event.addProperty("id", id);
                    events.add(event);
                    onEach.accept(event);
                    if (event.get("type").getAsString().equals("end")) {
                        return events;
                    }
                }
            }
        }
        return events;
    }

    @Test
    void thePageSeesEveryEventAndAReloadSeesThemAgain() throws Exception {
        try (Experiment exp = Experiment.create(tiny(2))) {
            LiveTraining live = new LiveTraining(exp::cancel);
            server.follow(live);
            CompletableFuture<TrainingResult> training = CompletableFuture.supplyAsync(() -> {
                try {
                    return exp.train(2, live);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            List<JsonObject> events = follow(null, e -> { });
            assertTrue(training.get(5, TimeUnit.MINUTES).test() != null);
            List<String> types = events.stream().map(e -> e.get("type").getAsString()).toList();
            assertEquals("start", types.get(0));
            assertEquals(2, types.stream().filter("epoch"::equals).count(), types.toString());
            for (JsonObject epoch : events.stream().filter(e -> e.get("type").getAsString().equals("epoch")).toList()) {
                float validation = epoch.get("validationAccuracy").getAsFloat();
                assertTrue(validation > 0 && validation <= 1, epoch.toString());
            }
            assertTrue(types.stream().filter("record"::equals).count() >= 6, types.toString());
            assertEquals(false, events.get(events.size() - 1).get("cancelled").getAsBoolean());

            List<JsonObject> again = follow("2", e -> { });
            assertEquals("3", again.get(0).get("id").getAsString(), "a reconnecting page gets what it missed");
            assertEquals(events.size() - 3, again.size());
        }
    }

    @Test
    void theStopButtonStopsAtTheNextBatch() throws Exception {
        try (Experiment exp = Experiment.create(tiny(200))) {
            LiveTraining live = new LiveTraining(exp::cancel);
            server.follow(live);
            CompletableFuture<TrainingResult> training = CompletableFuture.supplyAsync(() -> {
                try {
                    return exp.train(200, live);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(403, press(null), "without the page's token nothing stops the training");
            assertEquals(403, press("0123456789abcdef0123456789abcdef"));
            String token = pageToken();
            List<JsonObject> events = follow(null, e -> {
                if (e.get("type").getAsString().equals("epoch") && e.get("epoch").getAsInt() == 1) {
                    assertEquals(202, press(token));
                }
            });
            TrainingResult result = training.get(5, TimeUnit.MINUTES);
            assertTrue(result.cancelled());
            assertTrue(result.epochs().size() < 200);
            assertEquals(true, events.get(events.size() - 1).get("cancelled").getAsBoolean());
        }
    }

    /** The stop button: POST /api/live/stop with this token (none: no header); the answer's status. */
    private static int press(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("/api/live/stop"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("X-Stop-Token", token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token the page carries, as a browser reads it from the page. */
    private static String pageToken() throws Exception {
        String page = HTTP.send(HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("<meta name=\"stop-token\" content=\"([0-9a-f]{32})\">").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }
}
