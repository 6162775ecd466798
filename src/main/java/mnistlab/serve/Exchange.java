package mnistlab.serve;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** One request and its answer: JSON or bytes out, a bounded body in, and the headers every answer carries. */
final class Exchange {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    private final HttpExchange http;

    Exchange(HttpExchange http) {
        this.http = http;
    }

    String method() {
        return http.getRequestMethod();
    }

    /** The path as sent, still percent-encoded: names are checked before anything is decoded. */
    String rawPath() {
        return http.getRequestURI().getRawPath();
    }

    void requireMethod(String allowed) {
        if (!allowed.equals(method())) {
            http.getResponseHeaders().set("Allow", allowed);
            throw new HttpError(405, method() + " is not allowed here; use " + allowed);
        }
    }

    /**
     * The request body, refused past {@code limit} bytes. What was sent beyond is read and dropped
     * (up to four times the limit) so that the client, still sending, hears the refusal rather
     * than a broken connection; a larger body is cut off.
     */
    byte[] body(int limit) throws IOException {
        String declared = http.getRequestHeaders().getFirst("Content-Length");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long seen = 0;
        try (InputStream in = http.getRequestBody()) {
            for (int n; (n = in.read(buffer)) > 0 && seen <= 4L * limit; ) {
                seen += n;
                if (seen <= limit) {
                    out.write(buffer, 0, n);
                }
            }
        }
        if (seen > limit) {
            throw new HttpError(413, "the body is " + (declared != null ? declared : "over " + limit) + " bytes; at most " + limit);
        }
        return out.toByteArray();
    }

    /** The value of a request header, or null. */
    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    /** Starts an open-ended answer (server-sent events) and returns the stream to write it to. */
    OutputStream eventStream() throws IOException {
        http.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        http.getResponseHeaders().set("Cache-Control", "no-store");
        http.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        http.sendResponseHeaders(200, 0);
        return http.getResponseBody();
    }

    void json(int status, Object value) throws IOException {
        send(status, "application/json; charset=utf-8", GSON.toJson(value).getBytes(StandardCharsets.UTF_8));
    }

    void send(int status, String contentType, byte[] bytes) throws IOException {
        http.getResponseHeaders().set("Content-Type", contentType);
        http.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        http.getResponseHeaders().set("Cache-Control", "no-store");
        http.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'");
        boolean head = "HEAD".equals(method());
        http.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
