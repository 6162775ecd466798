package mnistlab.serve;

import com.google.gson.JsonObject;
import mnistlab.engine.SpecJson;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to a running page server over real HTTP, as the API tests send them. */
final class ApiCalls {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ApiCalls() {
    }

    /** {@code method path} with {@code body} (or none), its answer as text. */
    static HttpResponse<String> send(LabServer server, String method, String path, byte[] body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path)).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> r) {
        return SpecJson.gson().fromJson(r.body(), JsonObject.class);
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
