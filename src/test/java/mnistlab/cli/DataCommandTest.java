package mnistlab.cli;

import mnistlab.data.Datasets;
import mnistlab.data.IdxArray;
import mnistlab.data.IdxFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataCommandTest {
    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = DataCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
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
        assertEquals(1, run("verify", "--root", root.toString()));
        String said = err.toString();
        assertTrue(said.contains(dir.resolve("train-images-idx3-ubyte") + ": a directory, not a file"), said);
        assertTrue(said.contains(dir.resolve("train-labels-idx1-ubyte") + ": not a regular file (a FIFO, socket or device)"), said);
        assertTrue(said.contains(dir.resolve("t10k-images-idx3-ubyte") + ": a symbolic link loop"), said);
        assertTrue(said.contains(dir.resolve("t10k-labels-idx1-ubyte") + ": a broken symbolic link"), said);
    }

    @Test
    void verifyNamesEveryMissingFile() {
        assertEquals(1, run("verify", "--root", root.toString()));
        for (var file : Datasets.MNIST.files()) {
            assertTrue(err.toString().contains(root.resolve("mnist").resolve(file.name()) + ": missing"), err.toString());
        }
    }

    @Test
    void verifyNamesAFileFailingItsMd5() throws Exception {
        Path dir = Files.createDirectories(root.resolve("fashion-mnist"));
        Path bogus = dir.resolve("t10k-labels-idx1-ubyte");
        IdxFiles.write(bogus, IdxArray.ofUnsignedBytes(new byte[] {3}, 1), false);
        assertEquals(1, run("verify", "--root", root.toString(), "--dataset", "fashion-mnist"));
        assertTrue(err.toString().contains(bogus + ": MD5 "), err.toString());
    }

    @Test
    void unknownDatasetIsAUsageError() {
        assertEquals(2, run("verify", "--dataset", "cifar"));
        assertTrue(err.toString().contains("unknown dataset 'cifar'"), err.toString());
    }

    @Test
    void showWithoutFilesSaysWhatIsMissing() {
        assertEquals(1, run("show", "--root", root.toString(), "--index", "0"));
        assertTrue(err.toString().contains("could not obtain mnist"), err.toString());
        assertTrue(err.toString().contains("put them (raw or .gz) into " + root.resolve("mnist")), err.toString());
    }
}
