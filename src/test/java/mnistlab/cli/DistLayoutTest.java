package mnistlab.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import mnistlab.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launchers in the layout bin/mnist-dist makes (runtime/, lib/, libtorch-cpu/) run with no
 * Java on the PATH. The layout is assembled from this build (the runtime is this JDK's java);
 * bin/mnist-dist's own jlink runtime is checked by hand (docs in README).
 */
class DistLayoutTest {
    @TempDir
    Path tmp;

    @Test
    void theLaunchersUseTheDistributionsRuntimeAndJarsWithoutJavaOnThePath() throws Exception {
        Path dist = tmp.resolve("mnist-lab");
        Path project = TestData.projectDir();
        Files.createDirectories(dist.resolve("bin"));
        for (String launcher : List.of("launch.sh", "mnist-doctor")) {
            Files.copy(project.resolve("bin").resolve(launcher), dist.resolve("bin").resolve(launcher));
        }
        Files.createDirectories(dist.resolve("runtime/bin"));
        Files.createSymbolicLink(dist.resolve("runtime/bin/java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Path lib = Files.createDirectories(dist.resolve("lib"));
        ToolProvider jar = ToolProvider.findFirst("jar").orElseThrow();
        assertEquals(0, jar.run(System.out, System.err, "--create", "--file", lib.resolve("mnist-lab.jar").toString(),
                "-C", project.resolve("target/classes").toString(), "."));
        try (Stream<Path> jars = Files.list(project.resolve("target/lib"))) {
            for (Path j : jars.toList()) {
                Files.createSymbolicLink(lib.resolve(j.getFileName()), j);
            }
        }
        Path natives = Files.createDirectories(dist.resolve("libtorch-cpu"));
        try (Stream<Path> jars = Files.list(project.resolve("target/native-cpu"))) {
            for (Path j : jars.toList()) {
                Files.createSymbolicLink(natives.resolve(j.getFileName()), j);
            }
        }
        Path path = Files.createDirectories(tmp.resolve("path")); // the tools a launcher uses, and no java
        for (String tool : List.of("bash", "dirname", "grep", "head", "sed", "cat")) {
            Files.createSymbolicLink(path.resolve(tool), Path.of("/usr/bin", tool));
        }

        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/mnist-doctor").toString(), "--json", "--root", tmp.toString());
        pb.environment().clear();
        pb.environment().put("PATH", path.toString());
        pb.environment().put("HOME", tmp.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out + err);
        JsonObject report = JsonParser.parseString(out).getAsJsonObject();
        assertTrue(report.get("trainingWouldRun").getAsBoolean(), out);
        String libtorch = report.getAsJsonArray("checks").get(2).getAsJsonObject().get("detail").getAsString();
        assertTrue(libtorch.contains("pytorch-native-cpu"), libtorch);
        assertTrue(!Files.exists(dist.resolve("target")), "a distribution is never built into");
    }
}
