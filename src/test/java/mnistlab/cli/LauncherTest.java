package mnistlab.cli;

import mnistlab.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launchers refuse a PYTORCH_LIBRARY_PATH whose libtorch is not the 2.7.x DJL 0.36 is built
 * for, and their first-run build leaves Maven's colour codes out of a log.
 */
class LauncherTest {
    @TempDir
    Path tmp;

    private record Result(int exit, String err) {
    }

    private Result mnistRunHelp(Path libraryPath) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(TestData.projectDir().resolve("bin/mnist-run").toString(), "--help")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PYTORCH_LIBRARY_PATH", libraryPath.toString());
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        return new Result(p.exitValue(), err.strip());
    }

    private Path libtorch(String folder, String versionFile, String content) throws IOException {
        Path lib = Files.createDirectories(tmp.resolve(folder).resolve("lib"));
        Files.writeString(tmp.resolve(folder).resolve(versionFile), content);
        return lib;
    }

    @Test
    void anotherLibtorchVersionIsNamedAndRefused() throws Exception {
        Path archive = libtorch("libtorch", "build-version", "2.5.0+cpu\n");
        assertEquals(new Result(2, "mnist-lab: PYTORCH_LIBRARY_PATH=" + archive + " holds libtorch 2.5.0+cpu, but DJL 0.36"
                + " is built for libtorch 2.7.1; point it at a 2.7.x libtorch, or unset it to use the CPU build that comes"
                + " with mnist-lab"), mnistRunHelp(archive));
        Path pip = libtorch("torch", "version.py", "__version__ = '2.4.1+cu121'\ngit_version = 'abc'\n");
        Result r = mnistRunHelp(pip);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("holds libtorch 2.4.1+cu121"), r.err());
    }

    @Test
    void theRightVersionPasses() throws Exception {
        Path archive = libtorch("good", "build-version", "2.7.1+cu126\n");
        assertEquals(0, mnistRunHelp(archive).exit());
    }

    /**
     * A checkout without target/ builds on its first run. The Maven here is a stand-in that writes
     * the colour resets Maven 3.8 writes even with -B -q, then links the real build in.
     */
    @Test
    void theFirstRunsBuildWritesNoColourCodesIntoAPipe() throws Exception {
        Path project = TestData.projectDir();
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.createSymbolicLink(checkout.resolve("bin"), project.resolve("bin"));
        Path tools = Files.createDirectories(tmp.resolve("tools"));
        Path mvn = Files.writeString(tools.resolve("mvn"), "#!/bin/sh\n"
                + "printf '\\033[0m\\033[0m'; printf '\\033[1;31mbuilt\\033[m\\n' >&2\n"
                + "mkdir target && for d in classes lib native-cpu; do ln -s '" + project + "/target/'$d target/$d; done\n");
        assertTrue(mvn.toFile().setExecutable(true));

        ProcessBuilder pb = new ProcessBuilder(checkout.resolve("bin/mnist-run").toString(), "--help");
        pb.environment().put("PATH", tools + ":" + pb.environment().get("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), err);
        assertEquals("mnist-lab: first run, building with Maven (once)...\nbuilt\n", err);
        assertTrue(out.startsWith("Usage: mnist-run "), out);
    }
}
