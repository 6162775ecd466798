package mnistlab.serve;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slowloris against the page server: clients that open connections and send a header a second
 * never finish a request. Under the JDK's server forty of them froze it. The attackers come from
 * other loopback addresses (127.0.0.2, 127.0.0.3) than the page (127.0.0.1), as they would from
 * other machines.
 */
class SlowClientsTest {
    @TempDir
    static Path tmp;
    private static LabServer server;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws IOException {
        server = LabServer.start(Files.createDirectories(tmp.resolve("runs")), "127.0.0.1", 0, new PrintStream(LOG, true));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A connection from {@code from} that has sent a request line and its Host header, and no more. */
    private static Socket slowClient(String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.uri().getPort()));
        socket.getOutputStream().write(("GET /api/runs HTTP/1.1\r\nHost: 127.0.0.1:" + server.uri().getPort() + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** Whether the server closes the connection within {@code millis}, while this side stays silent. */
    private static boolean closedByServerWithin(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // whatever it says before it closes
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private static boolean closedByServer(Socket socket) throws IOException {
        return closedByServerWithin(socket, 10);
    }

    @Test
    void twoHundredSlowClientsDoNotKeepThePageFromBeingAnswered() throws Exception {
        List<Socket> slow = new ArrayList<>();
        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicInteger reopened = new AtomicInteger();
        Thread attacker = new Thread(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    slow.add(slowClient("127.0.0.2"));
                }
                while (attacking.get()) {
                    for (int i = 0; i < slow.size(); i++) {
                        try {
                            OutputStream out = slow.get(i).getOutputStream();
                            out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        } catch (IOException closed) {
                            slow.get(i).close();
                            slow.set(i, slowClient("127.0.0.2")); // the attack goes on
                            reopened.incrementAndGet();
                        }
                    }
                    Thread.sleep(1000);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "slowloris");
        attacker.start();
        HttpClient page = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        int answered = 0;
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try {
            while (System.nanoTime() < end) {
                HttpResponse<String> r = page.send(HttpRequest.newBuilder(server.uri().resolve("/api/runs"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                answered++;
                Thread.sleep(200);
            }
        } finally {
            attacking.set(false);
            attacker.join();
            for (Socket s : slow) {
                s.close();
            }
        }
        assertTrue(answered >= 50, "requests answered during the attack: " + answered);
        assertTrue(reopened.get() > 0, "the server closed slow connections (per client, or past the header time)");
        assertEquals("", LOG.toString());
    }

    @Test
    void aConnectionThatNeverFinishesItsHeadersIsClosed() throws Exception {
        try (Socket socket = slowClient("127.0.0.3")) {
            assertTrue(closedByServerWithin(socket, (int) (ClientLimits.HEADER_SECONDS + 5) * 1000));
        }
    }

    @Test
    void oneClientGetsAtMostItsShareOfConnections() throws Exception {
        List<Socket> mine = new ArrayList<>();
        try {
            for (int i = 0; i <= ClientLimits.PER_CLIENT; i++) {
                mine.add(slowClient("127.0.0.4"));
            }
            // Jetty counts connections as they open, not always in the order they were made: one of them goes.
            int closed = 0;
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                for (Socket s : mine) {
                    if (!s.isClosed() && closedByServer(s)) {
                        s.close();
                        closed++;
                    }
                }
            }
            assertEquals(1, closed, "connections closed past the share of " + ClientLimits.PER_CLIENT
                    + ", well before the header time");
        } finally {
            for (Socket s : mine) {
                s.close();
            }
        }
        // Its connections closed, the client has its whole share again (the count follows closes).
        mine.clear();
        try {
            for (int i = 0; i < ClientLimits.PER_CLIENT - 1; i++) {
                mine.add(slowClient("127.0.0.4"));
            }
            assertTrue(answered("127.0.0.4"), "a request after the client's others closed");
        } finally {
            for (Socket s : mine) {
                s.close();
            }
        }
    }

    /** Whether a whole request from {@code from} is answered, trying for up to 5 s while the server sees the closes. */
    private static boolean answered(String from) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < end) {
            try (Socket socket = slowClient(from)) {
                socket.getOutputStream().write("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.setSoTimeout(5000);
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                if (answer.startsWith("HTTP/1.1 200")) {
                    return true;
                }
            } catch (IOException refused) {
                // closed at once: the server has not yet seen all the closes
            }
            Thread.sleep(100);
        }
        return false;
    }
}
