package mnistlab.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import mnistlab.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/mnist-doctor: what it finds on this machine, and a libtorch of another version named with both versions. */
class DoctorTest {
    @TempDir
    Path tmp;

    @Test
    void onThisMachineTrainingWouldRunWithTheMavenLibtorch() throws Exception {
        List<Doctor.Check> checks = new Doctor(Map.of(), TestData.mnistRoot()).run();
        assertEquals(List.of("java", "cpu", "libtorch", "libtorch loads", "gpu", "data mnist", "data fashion-mnist", "fonts",
                "chromium"), checks.stream().map(Doctor.Check::name).toList());
        Doctor.Check libtorch = checks.get(2);
        assertEquals(Doctor.Status.OK, libtorch.status(), libtorch.toString());
        assertTrue(libtorch.detail().contains("pytorch-native-cpu-2.7.1"), libtorch.detail());
        assertTrue(checks.get(3).detail().startsWith("PyTorch 2.7.1 on DJL 0.36.0"), checks.get(3).detail());
        assertEquals(Doctor.Status.OK, checks.get(5).status(), checks.get(5).toString());
        assertTrue(Doctor.trainingWouldRun(checks));
    }

    @Test
    void aLibtorchOfAnotherVersionFailsWithBothVersionsAndIsNotLoaded() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("libtorch/lib"));
        Files.writeString(tmp.resolve("libtorch/build-version"), "2.5.1+cpu\n");
        List<Doctor.Check> checks = new Doctor(Map.of("PYTORCH_LIBRARY_PATH", lib.toString()), tmp).run();
        Doctor.Check libtorch = checks.get(2);
        assertEquals(Doctor.Status.FAIL, libtorch.status());
        assertEquals("PYTORCH_LIBRARY_PATH=" + lib + ": libtorch 2.5.1+cpu, but DJL 0.36 is built for libtorch 2.7.1",
                libtorch.detail());
        assertEquals("not tried: see above", checks.get(3).detail());
        assertEquals(Doctor.Status.WARN, checks.get(5).status(), "no data in an empty root");
        assertFalse(Doctor.trainingWouldRun(checks));
    }

    @Test
    void theLauncherLetsTheDoctorReportWhatOtherLaunchersRefuse() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("torch/lib"));
        Files.writeString(tmp.resolve("torch/version.py"), "__version__ = '2.4.1+cu121'\n");
        ProcessBuilder pb = new ProcessBuilder(TestData.projectDir().resolve("bin/mnist-doctor").toString(), "--json",
                "--root", tmp.toString());
        pb.environment().put("PYTORCH_LIBRARY_PATH", lib.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(1, p.exitValue(), out);
        JsonObject report = JsonParser.parseString(out).getAsJsonObject();
        assertFalse(report.get("trainingWouldRun").getAsBoolean());
        JsonArray checks = report.getAsJsonArray("checks");
        JsonObject libtorch = checks.get(2).getAsJsonObject();
        assertEquals("fail", libtorch.get("status").getAsString());
        assertTrue(libtorch.get("detail").getAsString().contains("libtorch 2.4.1+cu121, but DJL 0.36 is built for libtorch 2.7.1"),
                libtorch.toString());
    }
}
