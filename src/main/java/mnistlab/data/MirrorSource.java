package mnistlab.data;

import mnistlab.i18n.Messages;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** An HTTP(S) mirror serving the canonical {@code .gz} files under a base URL. */
final class MirrorSource implements DataSource {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final URI base;
    private final HttpClient client;

    MirrorSource(URI base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    static HttpClient defaultClient() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String describe() {
        return "mirror " + base;
    }

    @Override
    public Path locate(DataFile file, Path workDir) throws IOException {
        URI uri = base.resolve(file.gzName());
        Path target = Files.createTempFile(workDir, file.name(), ".gz");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<Path> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofFile(target));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(Messages.get("source.interrupted", uri), e);
        } catch (IOException e) {
            throw new IOException(uri + ": " + describe(e), e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(Messages.get("source.http", uri, response.statusCode()));
        }
        return target;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
