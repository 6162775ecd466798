package mnistlab.serve;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** One request and its answer: JSON or bytes out, a bounded body in, and the headers every answer carries. */
final class Exchange {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping()
            .registerTypeAdapter(float[].class, new FloatArrayJson()).create();

    private final Request request;
    private final Response response;

    Exchange(Request request, Response response) {
        this.request = request;
        this.response = response;
    }

    String method() {
        return request.getMethod();
    }

    /** The path as sent, still percent-encoded: names are checked before anything is decoded. */
    String rawPath() {
        return request.getHttpURI().getPath();
    }

    /**
     * A whole-number query parameter ({@code ?class=3}), or null when absent.
     * @throws HttpError 400 naming the parameter, for anything but a whole number
     */
    Integer queryInt(String name) {
        String value = Request.extractQueryParameters(request).getValue(name);
        if (value == null) {
            return null;
        }
        if (!value.matches("-?\\d{1,9}")) {
            throw HttpError.badRequest("the query's " + name + " must be a whole number of at most 9 digits, not '" + value + "'");
        }
        return Integer.valueOf(value);
    }

    void requireMethod(String allowed) {
        if (!allowed.equals(method())) {
            response.getHeaders().put(HttpHeader.ALLOW, allowed);
            throw new HttpError(405, method() + " is not allowed here; use " + allowed);
        }
    }

    /**
     * The request body, refused past {@code limit} bytes. What was sent beyond is read and dropped
     * (up to four times the limit) so that the client, still sending, hears the refusal rather
     * than a broken connection; a larger body is cut off. A body that breaks off or is not valid
     * HTTP (a malformed chunk) is the client's error, a 400.
     */
    byte[] body(int limit) {
        String declared = header("Content-Length");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long seen = 0;
        try (InputStream in = Content.Source.asInputStream(request)) {
            for (int n; (n = in.read(buffer)) > 0 && seen <= 4L * limit; ) {
                seen += n;
                if (seen <= limit) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw HttpError.badRequest("the body could not be read: " + e.getMessage());
        }
        if (seen > limit) {
            throw new HttpError(413, "the body is " + (declared != null ? declared : "over " + limit) + " bytes; at most " + limit);
        }
        return out.toByteArray();
    }

    /** The value of a request header, or null. */
    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** Starts an open-ended answer (server-sent events) and returns the stream to write it to. */
    OutputStream eventStream() throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.setStatus(200);
        return Content.Sink.asOutputStream(response);
    }

    void json(int status, Object value) throws IOException {
        send(status, "application/json; charset=utf-8", toJson(value).getBytes(StandardCharsets.UTF_8));
    }

    static String toJson(Object value) {
        return GSON.toJson(value);
    }

    void send(int status, String contentType, byte[] bytes) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'");
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            if (!"HEAD".equals(method())) {
                out.write(bytes);
            }
        }
    }
}
