package mnistlab.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/live}: the training being served, as server-sent events (every message again
 * from the start, or from after Last-Event-ID when the page reconnects); {@code POST
 * /api/live/stop} with the page's token in {@code X-Stop-Token}: the stop button, the same as
 * Ctrl-C (the last checkpoint stays).
 */
final class LiveApi {
    /** Pages following at once; each holds one of the server's threads. */
    static final int MAX_FOLLOWERS = 4;
    private static final long KEEP_ALIVE_MILLIS = 15_000;

    private volatile LiveTraining live;
    private final AtomicInteger followers = new AtomicInteger();
    private final byte[] stopToken;

    LiveApi(String stopToken) {
        this.stopToken = stopToken.getBytes(StandardCharsets.UTF_8);
    }

    void attach(LiveTraining training) {
        live = training;
    }

    void handle(Exchange ex) throws IOException {
        LiveTraining training = live;
        if (training == null) {
            throw HttpError.notFound("no training is being followed here (bin/mnist-run SCRIPT --serve, or :serve in the REPL)");
        }
        if (ex.rawPath().equals("/api/live/stop")) {
            ex.requireMethod("POST");
            String token = ex.header("X-Stop-Token");
            if (token == null || !MessageDigest.isEqual(stopToken, token.getBytes(StandardCharsets.UTF_8))) {
                throw new HttpError(403, "the stop button's token is missing or wrong (reload the page)");
            }
            training.stop();
            ex.json(202, Map.of("stopping", true));
            return;
        }
        ex.requireMethod("GET");
        if (followers.incrementAndGet() > MAX_FOLLOWERS) {
            followers.decrementAndGet();
            throw new HttpError(503, "already " + MAX_FOLLOWERS + " pages follow this training");
        }
        try (OutputStream out = ex.eventStream()) {
            int next = resumeFrom(ex.header("Last-Event-ID"));
            while (!Thread.currentThread().isInterrupted()) {
                List<String> events = training.since(next, KEEP_ALIVE_MILLIS);
                StringBuilder chunk = new StringBuilder(events.isEmpty() ? ": still here\n\n" : "");
                for (String event : events) {
                    chunk.append("id: ").append(next++).append("\ndata: ").append(event).append("\n\n");
                }
                out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping
        } catch (IOException gone) {
            // the page was closed or reloaded: it reconnects with Last-Event-ID
        } finally {
            followers.decrementAndGet();
        }
    }

    private static int resumeFrom(String lastEventId) {
        return lastEventId != null && lastEventId.matches("\\d{1,9}") ? Integer.parseInt(lastEventId) + 1 : 0;
    }
}
