package mnistlab.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import mnistlab.DigitPhotos;
import mnistlab.engine.RunFolder;
import mnistlab.engine.SpecJson;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's API over real HTTP on 127.0.0.1: every endpoint, and the requests an attacker or a careless client sends. */
class ServeApiTest {
    @TempDir
    static Path tmp;
    private static LabServer server;
    private static String run;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws IOException {
        run = TrainedRuns.trainOne(tmp.resolve("runs")).getFileName().toString();
        Files.writeString(tmp.resolve("secret.txt"), "not for the page");
        server = LabServer.start(tmp.resolve("runs"), "127.0.0.1", 0, new PrintStream(LOG, true));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
        return ApiCalls.send(server, method, path, body);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    private static JsonObject json(HttpResponse<String> r) {
        return ApiCalls.json(r);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        return ApiCalls.png(image);
    }

    @Test
    void runsAndARun() throws Exception {
        HttpResponse<String> list = get("/api/runs");
        assertEquals(200, list.statusCode());
        JsonArray runs = SpecJson.gson().fromJson(list.body(), JsonArray.class);
        assertEquals(1, runs.size());
        JsonObject summary = runs.get(0).getAsJsonObject();
        assertEquals(run, summary.get("id").getAsString());
        assertEquals(1, summary.get("epochs").getAsInt());
        assertTrue(summary.get("testAccuracy").getAsDouble() > 0.8, list.body());

        JsonObject detail = json(get("/api/runs/" + run));
        assertEquals("page", detail.getAsJsonObject("spec").get("name").getAsString());
        assertEquals(10, detail.getAsJsonObject("metrics").getAsJsonArray("confusion").size());
        assertTrue(detail.getAsJsonArray("files").toString().contains("report.html"), detail.toString());
        HttpResponse<String> report = get("/api/runs/" + run + "/files/report.html");
        assertEquals(200, report.statusCode());
        assertTrue(report.body().contains("<img") && report.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("nosniff", report.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void aConfusionCellListsItsImagesMostConfidentFirst() throws Exception {
        JsonObject cell = json(get("/api/runs/" + run + "/confusion/7/7"));
        assertTrue(cell.get("count").getAsInt() > 100, cell.get("count").toString());
        JsonArray images = cell.getAsJsonArray("images");
        assertEquals(100, images.size());
        assertEquals(784, images.get(0).getAsJsonObject().getAsJsonArray("pixels").size());
        assertTrue(images.get(0).getAsJsonObject().get("probability").getAsFloat()
                >= images.get(99).getAsJsonObject().get("probability").getAsFloat());
        assertEquals(400, get("/api/runs/" + run + "/confusion/7/10").statusCode());
    }

    /** A one, drawn black on white as on the page's pad. */
    private static BufferedImage drawnOne() {
        BufferedImage drawing = DigitPhotos.drawnOne(130, 20);
        return drawing;
    }

    @Test
    void aDrawnDigitIsPredicted() throws Exception {
        BufferedImage drawing = drawnOne();
        HttpResponse<String> r = send("POST", "/api/runs/" + run + "/predict", png(drawing));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject answer = json(r);
        assertEquals(1, answer.get("label").getAsInt(), r.body());
        assertEquals(10, answer.getAsJsonArray("probabilities").size());
        assertEquals(784, answer.getAsJsonArray("input").size());
        assertEquals(answer.get("label"), json(send("POST", "/api/predict", png(drawing))).get("label"), "the newest run");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/runs/..%2F..%2Fsecret.txt", "/api/runs/%2e%2e/files/secret.txt", "/api/runs/../secret.txt",
            "/api/runs/RUN/files/..%2F..%2Fsecret.txt", "/api/runs/RUN/files/%2e%2e", "/api/runs/RUN/files/checkpoint.params",
            "/api/runs/nope", "/web/index.html"})
    void pathsOutsideTheRunsAreNotFound(String path) throws Exception {
        HttpResponse<String> r = get(path.replace("RUN", run));
        assertEquals(404, r.statusCode(), path + ": " + r.body());
        assertTrue(r.body().startsWith("{\"error\":"), r.body());
        assertTrue(!r.body().contains("not for the page"));
    }

    /** Raw requests no HTTP client would send: one line of JSON each, and nothing for the server's log. */
    @Test
    void malformedRequestsAreTheClientsError() throws Exception {
        String host = "Host: 127.0.0.1:" + server.uri().getPort() + "\r\n";
        assertTrue(raw("POST /api/predict HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nzz\r\n")
                .matches("(?s)HTTP/1.1 400 .*\\{\"error\":\"the (body could not be read|request is malformed): .*"));
        assertTrue(raw("GET /api/runs HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(20_000) + "\r\n\r\n")
                .matches("(?s)HTTP/1.1 431 .*\\{\"error\":\"the request is malformed: .*"));
        assertTrue(raw("GET /api/runs HTTP/1.1\r\n" + host + "Content-Length: -5\r\n\r\n")
                .matches("(?s)HTTP/1.1 400 .*\\{\"error\":\"the request is malformed: .*"));
        assertTrue(raw("GARBAGE\r\n\r\n").matches("(?s)HTTP/1.1 400 .*\\{\"error\":\"the request is malformed: .*"));
        assertEquals("", LOG.toString(), "no request was a server error");
    }

    /** Sends {@code request} as it is, then says nothing more, and reads what comes back until the server closes. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.uri().getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            socket.setSoTimeout(10_000);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Paths that are no valid URI at all are refused by Jetty's parser, in the API's own form. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/runs/RUN/files/spec.json%00.png", "/lab.js/../../secret.txt"})
    void malformedPathsAreBadRequests(String path) throws Exception {
        HttpResponse<String> r = get(path.replace("RUN", run));
        assertEquals(400, r.statusCode(), path + ": " + r.body());
        assertTrue(r.body().startsWith("{\"error\":\"the request is malformed: "), r.body());
    }

    @Test
    void brokenRunFoldersAreListedWithTheirErrorNotTrusted() throws Exception {
        Path runs = Files.createDirectories(tmp.resolve("other-runs"));
        Files.writeString(Files.createDirectories(runs.resolve("broken")).resolve("spec.json"), "{not json");
        Files.writeString(Files.createDirectories(runs.resolve("odd")).resolve("spec.json"), "{\"name\": 7}");
        Files.writeString(runs.resolve("odd").resolve("metrics.json"), "{\"epochs\": \"many\"}");
        try (LabServer other = LabServer.start(runs, "127.0.0.1", 0, new PrintStream(LOG, true))) {
            HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(other.uri().resolve("/api/runs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, list.statusCode());
            JsonArray runsSeen = SpecJson.gson().fromJson(list.body(), JsonArray.class);
            assertEquals(2, runsSeen.size(), list.body());
            for (var run : runsSeen) {
                assertTrue(run.getAsJsonObject().has("error"), list.body());
            }
            HttpResponse<String> one = HTTP.send(HttpRequest.newBuilder(other.uri().resolve("/api/runs/broken")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(500, one.statusCode());
            assertEquals("run 'broken' has an unreadable spec.json", json(one).get("error").getAsString());
            HttpResponse<String> predict = HTTP.send(HttpRequest.newBuilder(other.uri().resolve("/api/predict"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, predict.statusCode(), "no run with a trained model");
        }
    }

    /** A copy of the trained run whose spec.json names other data, as a run folder from elsewhere may. */
    private static void craftedCopy(Path runs, String name, UnaryOperator<DatasetSpec> data) throws IOException {
        Path source = tmp.resolve("runs").resolve(run);
        Path copy = Files.createDirectories(runs.resolve(name));
        try (var files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        ExperimentSpec spec = RunFolder.open(source).readSpec();
        RunFolder.open(copy).writeSpec(spec.withDataset(data.apply(spec.dataset())));
    }

    @Test
    void aRunFolderNamingOtherFilesLearnsNothingOfThemAndFetchesNothing() throws Exception {
        Path runs = Files.createDirectories(tmp.resolve("crafted-runs"));
        Path secret = tmp.resolve("secret.txt");
        craftedCopy(runs, "reads", d -> {
            DatasetSpec idx = d.withName("idx");
            for (String file : List.of("trainImages", "trainLabels", "testImages", "testLabels")) {
                idx = idx.withIdxFile(file, secret);
            }
            return idx;
        });
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        craftedCopy(runs, "fetches", d -> d.withRoot(elsewhere).withDownload(true));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (LabServer other = LabServer.start(runs, "127.0.0.1", 0, new PrintStream(log, true))) {
            for (String id : List.of("reads", "fetches")) {
                HttpResponse<String> cell = HTTP.send(HttpRequest.newBuilder(
                        other.uri().resolve("/api/runs/" + id + "/confusion/1/7")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(500, cell.statusCode(), cell.body());
                assertEquals("the server could not answer; its log says why", json(cell).get("error").getAsString());
            }
        }
        // "not " is 0x6e6f7420: an IDX error quotes a file's first bytes as its magic number
        assertTrue(log.toString().contains("secret.txt") && log.toString().contains("6E6F7420"), log.toString());
        try (var fetched = Files.list(elsewhere)) {
            assertEquals(List.of(), fetched.toList(), "a page's request wrote into a folder a run folder named");
        }
    }

    @Test
    void requestsForAnotherHostAreRefused() throws Exception {
        // A page elsewhere whose name was pointed at 127.0.0.1 (DNS rebinding) sends its own name.
        try (Socket socket = new Socket("127.0.0.1", server.uri().getPort())) {
            socket.getOutputStream().write(("GET /api/runs HTTP/1.1\r\nHost: evil.example:" + server.uri().getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            assertTrue(answer.contains("requests must be addressed to 127.0.0.1:"), answer);
        }
        assertEquals(404, send("POST", "/api/live/stop", null).statusCode(), "this server follows no training");
    }

    @Test
    void badRequestsGetOneLineAndTheRightStatus() throws Exception {
        assertEquals(405, send("DELETE", "/api/runs", null).statusCode());
        assertEquals(405, get("/api/predict").statusCode());
        HttpResponse<String> notAPicture = send("POST", "/api/runs/" + run + "/predict", "hello".getBytes());
        assertEquals(400, notAPicture.statusCode());
        assertEquals("the body is not a picture this reads (PNG, JPEG, BMP or GIF)", json(notAPicture).get("error").getAsString());
        HttpResponse<String> tooLarge = send("POST", "/api/runs/" + run + "/predict", new byte[RunsApi.MAX_UPLOAD + 1]);
        assertEquals(413, tooLarge.statusCode());
        byte[] bomb = png(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY));
        for (int i : new int[] {16, 20}) {
            bomb[i] = 0;
            bomb[i + 1] = 1;
            bomb[i + 2] = (byte) 0x86;
            bomb[i + 3] = (byte) 0xA0;
        }
        HttpResponse<String> claimsHuge = send("POST", "/api/runs/" + run + "/predict", bomb);
        assertEquals(400, claimsHuge.statusCode());
        assertEquals("the body is 100000x100000 pixels; at most 40 megapixels", json(claimsHuge).get("error").getAsString());
        assertEquals("", LOG.toString(), "no request was a server error");
    }

    @Test
    void truncatedAndBlankPicturesAreNotAnsweredAsDigits() throws Exception {
        byte[] one = png(drawnOne());
        for (int length : new int[] {60, one.length / 2, one.length - 12}) {
            HttpResponse<String> cut = send("POST", "/api/runs/" + run + "/predict", Arrays.copyOf(one, length));
            assertEquals(400, cut.statusCode(), length + " bytes");
            assertEquals("the body is a truncated picture: it ends before its picture does", json(cut).get("error").getAsString());
        }
        byte[] claimsMore = one.clone(); // the first data chunk claims 2 GB: the walk to IEND runs off the end
        int idat = new String(claimsMore, StandardCharsets.ISO_8859_1).indexOf("IDAT") - 4;
        claimsMore[idat] = 0x7f;
        HttpResponse<String> overlong = send("POST", "/api/runs/" + run + "/predict", claimsMore);
        assertEquals(400, overlong.statusCode(), overlong.body());
        assertEquals("the body is a truncated picture: it ends before its picture does", json(overlong).get("error").getAsString());
        HttpResponse<String> blank = send("POST", "/api/runs/" + run + "/predict",
                png(new BufferedImage(600, 600, BufferedImage.TYPE_BYTE_GRAY)));
        assertEquals(422, blank.statusCode());
        assertEquals("no digit found: the picture has no ink", json(blank).get("error").getAsString());
        assertEquals(200, send("POST", "/api/runs/" + run + "/predict", one).statusCode(), "the whole picture is a digit");
        assertEquals("", LOG.toString(), "no request was a server error");
    }
}
