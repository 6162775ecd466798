package mnistlab.interop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The two formats as PyTorch and safetensors write them, and as they are written here. */
class ParameterFilesTest {
    @TempDir
    Path tmp;

    private static void assertSameTensors(StateDict expected, StateDict actual) {
        assertEquals(expected.tensors().keySet(), actual.tensors().keySet());
        for (Map.Entry<String, Tensor> e : expected.tensors().entrySet()) {
            Tensor t = actual.tensors().get(e.getKey());
            assertArrayEquals(e.getValue().shape(), t.shape(), e.getKey());
            assertArrayEquals(e.getValue().values(), t.values(), e.getKey());
            assertEquals(e.getValue().int64(), t.int64(), e.getKey());
        }
    }

    @Test
    void torchSaveKeepsRegistrationOrderAndSafetensorsTheSameValues() throws IOException {
        StateDict pth = PthFile.read(Fixtures.file("tiny.pth"));
        assertEquals(List.of("conv.weight", "conv.bias", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var",
                "bn.num_batches_tracked", "fc.weight", "fc.bias"), List.copyOf(pth.tensors().keySet()));
        assertArrayEquals(new long[] {10, 784}, pth.tensors().get("fc.weight").shape());
        assertEquals(5f, pth.tensors().get("bn.num_batches_tracked").values()[0], "five training steps");
        assertSameTensors(pth, SafetensorsFile.read(Fixtures.file("tiny.safetensors")));
    }

    @Test
    void whatIsWrittenHereReadsBackTheSame() throws IOException {
        StateDict tiny = PthFile.read(Fixtures.file("tiny.pth"));
        Path pth = tmp.resolve("again.pth");
        PthFile.write(pth, tiny.tensors());
        assertSameTensors(tiny, PthFile.read(pth));
        Path safetensors = tmp.resolve("again.safetensors");
        SafetensorsFile.write(safetensors, tiny.tensors());
        assertSameTensors(tiny, SafetensorsFile.read(safetensors));
    }

    @Test
    void theFormatIsToldByTheBytesNotTheName() throws IOException {
        Path misnamed = Files.copy(Fixtures.file("tiny.safetensors"), tmp.resolve("modelpara.pth"));
        assertSameTensors(SafetensorsFile.read(Fixtures.file("tiny.safetensors")), ParameterFiles.read(misnamed));
        Path zip = Files.copy(Fixtures.file("tiny.pth"), tmp.resolve("tiny.bin"));
        assertSameTensors(PthFile.read(Fixtures.file("tiny.pth")), ParameterFiles.read(zip));
    }
}
