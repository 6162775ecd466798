package mnistlab.serve;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lab's page and its API over Jetty: the runs under one folder, their reports, the confusion
 * explorer and predictions for drawn or uploaded digits. Static files are a fixed list from the
 * jar; everything else is the API. Jetty rather than the JDK's HTTP server, which reads a
 * request's headers on a worker thread: forty clients sending a header a second held all of them.
 */
public final class LabServer implements AutoCloseable {
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[] {"web/index.html", "text/html; charset=utf-8"},
            "/lab.js", new String[] {"web/lab.js", "text/javascript; charset=utf-8"},
            "/lab.css", new String[] {"web/lab.css", "text/css; charset=utf-8"},
            "/uPlot.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
            "/uPlot.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"});

    /** Connections in all; past it Jetty stops accepting until one closes. */
    private static final int MAX_CONNECTIONS = 512;
    /** Enough for 32 clients at once: a request mostly waits on its batch, and the live page holds one each. */
    private static final int MAX_THREADS = 48;
    /** Longer than the live page's keep-alive comments (15 s). */
    private static final long IDLE_MILLIS = 30_000;

    private final Server server;
    private final ServerConnector connector;
    private final LoadedRuns loaded = new LoadedRuns();
    private final RunsApi api;
    private final LiveApi liveApi;
    private final PrintStream log;
    /** Shown on the page and asked of the stop button: another site in the same browser cannot read it. */
    private final String stopToken = newToken();

    private LabServer(String host, int port, Path runsRoot, PrintStream log) {
        this.log = log;
        this.liveApi = new LiveApi(stopToken);
        this.api = new RunsApi(new RunIndex(runsRoot), loaded);
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("mnist-serve");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // Paths are checked by this server's own rules on the raw path (RunIndex): a traversal is a 404 there.
        http.setUriCompliance(UriCompliance.UNSAFE);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_MILLIS);
        connector.setAcceptQueueSize(64);
        connector.addEventListener(new ClientLimits(connector.getScheduler()));
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        server.setErrorHandler(LabServer::answerMalformed);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                LabServer.this.handle(request, response);
                callback.succeeded();
                return true;
            }
        });
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
        LabServer lab = new LabServer(host, port, runsRoot, log);
        try {
            lab.server.start();
        } catch (IOException e) {
            lab.close();
            throw e;
        } catch (Exception e) {
            lab.close();
            throw new IOException(e.getMessage(), e);
        }
        return lab;
    }

    /** @return the page's address */
    public URI uri() {
        String bound = connector.getHost();
        String host = bound == null || bound.equals("0.0.0.0") || bound.equals("::") ? "127.0.0.1" : bound;
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort() + "/");
    }

    private void handle(Request request, Response response) {
        Exchange ex = new Exchange(request, response);
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
            log.println("mnist-serve: " + request.getMethod() + " " + request.getHttpURI() + ": " + e);
            answerError(ex, 500, "the server could not answer; its log says why");
        }
    }

    /**
     * Only requests addressed to this server by its own name: a page elsewhere whose name was
     * pointed at 127.0.0.1 (DNS rebinding) would otherwise be same-origin with the API.
     */
    private void checkHost(String host) {
        int port = connector.getLocalPort();
        String bound = connector.getHost();
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

    /**
     * What Jetty refuses before this server's handler sees it (a NUL or a climb above the root in
     * the path, a header too long), as the API's other errors are: one line of JSON. Written
     * without blocking: Jetty may call this where the request was being parsed.
     */
    private static boolean answerMalformed(Request request, Response response, Callback callback) {
        Object status = request.getAttribute(ErrorHandler.ERROR_STATUS);
        Object why = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        response.setStatus(status instanceof Integer code ? code : 400);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        String json = Exchange.toJson(Map.of("error", "the request is malformed: " + why));
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
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
        try {
            server.stop();
        } catch (Exception e) {
            log.println("mnist-serve: stopping: " + e);
        }
        loaded.close();
    }
}
