package mnistlab.cli;

import mnistlab.data.Datasets;
import mnistlab.data.IdxArray;
import mnistlab.data.IdxFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataCommandTest {
    @TempDir
    Path root;

    private static Invocation mnistData(String... args) {
        return Invocation.of(DataCommand.commandLine(), args);
    }

    @Test
    void verifySaysWhatStandsInAFilesPlace() throws Exception {
        Path dir = Files.createDirectories(root.resolve("mnist"));
        Files.createDirectory(dir.resolve("train-images-idx3-ubyte"));
        Files.createSymbolicLink(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("loop"));
        Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("t10k-images-idx3-ubyte"));
        Files.createSymbolicLink(dir.resolve("t10k-labels-idx1-ubyte"), dir.resolve("nothing"));
        Process fifo = new ProcessBuilder("mkfifo", dir.resolve("train-labels-idx1-ubyte").toString()).start();
        assertEquals(0, fifo.waitFor());
        Invocation verify = mnistData("verify", "--root", root.toString());
        assertEquals(1, verify.exit());
        String said = verify.err();
        assertTrue(said.contains(dir.resolve("train-images-idx3-ubyte") + ": a directory, not a file"), said);
        assertTrue(said.contains(dir.resolve("train-labels-idx1-ubyte") + ": not a regular file (a FIFO, socket or device)"), said);
        assertTrue(said.contains(dir.resolve("t10k-images-idx3-ubyte") + ": a symbolic link loop"), said);
        assertTrue(said.contains(dir.resolve("t10k-labels-idx1-ubyte") + ": a broken symbolic link"), said);
    }

    @Test
    void verifyNamesEveryMissingFile() {
        Invocation verify = mnistData("verify", "--root", root.toString());
        assertEquals(1, verify.exit());
        for (var file : Datasets.MNIST.files()) {
            assertTrue(verify.err().contains(root.resolve("mnist").resolve(file.name()) + ": missing"), verify.err());
        }
    }

    @Test
    void verifyNamesAFileFailingItsMd5() throws Exception {
        Path dir = Files.createDirectories(root.resolve("fashion-mnist"));
        Path bogus = dir.resolve("t10k-labels-idx1-ubyte");
        IdxFiles.write(bogus, IdxArray.ofUnsignedBytes(new byte[] {3}, 1), false);
        Invocation verify = mnistData("verify", "--root", root.toString(), "--dataset", "fashion-mnist");
        assertEquals(1, verify.exit());
        assertTrue(verify.err().contains(bogus + ": MD5 "), verify.err());
    }

    @Test
    void unknownDatasetIsAUsageError() {
        Invocation verify = mnistData("verify", "--dataset", "cifar");
        assertEquals(2, verify.exit());
        assertTrue(verify.err().contains("unknown dataset 'cifar'"), verify.err());
    }

    @Test
    void showWithoutFilesSaysWhatIsMissing() {
        Invocation show = mnistData("show", "--root", root.toString(), "--index", "0");
        assertEquals(1, show.exit());
        assertTrue(show.err().contains("could not obtain mnist"), show.err());
        assertTrue(show.err().contains("put them (raw or .gz) into " + root.resolve("mnist")), show.err());
    }
}
