package mnistlab.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The lab's page and its API over the JDK's HTTP server: the runs under one folder, their
 * reports, the confusion explorer and predictions for drawn or uploaded digits. Static files
 * are a fixed list from the jar; everything else is the API.
 */
public final class LabServer implements AutoCloseable {
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[] {"web/index.html", "text/html; charset=utf-8"},
            "/lab.js", new String[] {"web/lab.js", "text/javascript; charset=utf-8"},
            "/lab.css", new String[] {"web/lab.css", "text/css; charset=utf-8"},
            "/uPlot.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
            "/uPlot.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"});

    private final HttpServer server;
    private final ExecutorService workers;
    private final LoadedRuns loaded = new LoadedRuns();
    private final RunsApi api;
    private final LiveApi liveApi;
    private final PrintStream log;
    /** Shown on the page and asked of the stop button: another site in the same browser cannot read it. */
    private final String stopToken = newToken();

    private LabServer(HttpServer server, Path runsRoot, PrintStream log) {
        this.server = server;
        this.log = log;
        this.liveApi = new LiveApi(stopToken);
        this.api = new RunsApi(new RunIndex(runsRoot), loaded);
        // Enough for 32 clients at once: a request mostly waits on its batch, and the live page holds one each.
        this.workers = Executors.newFixedThreadPool(40, r -> {
            Thread t = new Thread(r, "mnist-serve");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /**
     * Serves {@code runsRoot} on {@code host}:{@code port} (0 for a free port); errors go to {@code log}.
     * @param runsRoot the runs folder
     * @param host the address to listen on
     * @param port the port, 0 for a free one
     * @param log where errors go
     * @return the running server; close it to stop
     * @throws IOException when the address cannot be bound
     */
    public static LabServer start(Path runsRoot, String host, int port, PrintStream log) throws IOException {
        // The JDK's server leaves Nagle's algorithm on: small answers then wait for the client's
        // delayed ACK, 40 ms each. Read once, when its first server is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        LabServer lab = new LabServer(HttpServer.create(new InetSocketAddress(host, port), 64), runsRoot, log);
        lab.server.start();
        return lab;
    }

    /** @return the page's address */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    private void handle(HttpExchange http) {
        Exchange ex = new Exchange(http);
        try {
            checkHost(ex.header("Host"));
            String path = ex.rawPath();
            String[] file = STATIC.get(path);
            if (file != null) {
                if (!"GET".equals(ex.method()) && !"HEAD".equals(ex.method())) {
                    ex.requireMethod("GET");
                }
                byte[] bytes = resource(file[0]);
                if (path.equals("/")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace("STOP_TOKEN", stopToken)
                            .getBytes(StandardCharsets.UTF_8);
                }
                ex.send(200, file[1], bytes);
            } else if (path.equals("/api/live") || path.equals("/api/live/stop")) {
                liveApi.handle(ex);
            } else if (path.startsWith("/api/")) {
                api.handle(ex);
            } else {
                throw HttpError.notFound("no page at " + path);
            }
        } catch (HttpError e) {
            answerError(ex, e.status(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            // The reason goes to the log only: it can quote files a run folder names (paths, first bytes).
            log.println("mnist-serve: " + http.getRequestMethod() + " " + http.getRequestURI() + ": " + e);
            answerError(ex, 500, "the server could not answer; its log says why");
        } finally {
            http.close(); // after an error's answer too, which try-with-resources would have closed first
        }
    }

    /**
     * Only requests addressed to this server by its own name: a page elsewhere whose name was
     * pointed at 127.0.0.1 (DNS rebinding) would otherwise be same-origin with the API.
     */
    private void checkHost(String host) {
        int port = server.getAddress().getPort();
        String bound = server.getAddress().getHostString();
        List<String> names = List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, bound + ":" + port);
        if (host == null || !names.contains(host.toLowerCase(Locale.ROOT))) {
            throw new HttpError(403, "requests must be addressed to " + names.get(0) + ", not '" + host + "'");
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void answerError(Exchange ex, int status, String message) {
        try {
            ex.json(status, Map.of("error", String.valueOf(message)));
        } catch (IOException | RuntimeException ignored) {
            // the client has gone: nothing left to tell it
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = LabServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing from the build: " + name);
            }
            return in.readAllBytes();
        }
    }

    /**
     * Lets the page follow this training (and stop it); the newest attached is the one followed.
     * @param training the training, as a listener of it
     */
    public void follow(LiveTraining training) {
        liveApi.attach(training);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        loaded.close();
    }
}
