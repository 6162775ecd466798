package mnistlab.interop;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and hostile parameter files: each is refused with one line that names the file and
 * says what is wrong, and nothing a pickle names is ever run. The hostile pickles would create
 * a marker file if they were.
 */
class HostileFilesTest {
    private static final Path RAN = Path.of("/tmp/mnist-lab-pickle-ran");

    @TempDir
    static Path tmp;

    @BeforeAll
    static void noMarker() throws IOException {
        Files.deleteIfExists(RAN);
    }

    /** Pickle bytes from a string of chars 0-255. */
    private static byte[] pickle(String bytes) {
        return bytes.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A state_dict pickle of one tensor 'w' of {@code size} and {@code stride} on a float storage of {@code elements}. */
    private static String oneTensor(String size, String stride, String elements) {
        return "\u0080\u0002ccollections\nOrderedDict\n)R(X\u0001\u0000\u0000\u0000wctorch._utils\n_rebuild_tensor_v2\n"
                + "((X\u0007\u0000\u0000\u0000storagectorch\nFloatStorage\nX\u0001\u0000\u0000\u00000X\u0003\u0000\u0000\u0000cpu"
                + elements + "tQK\u0000" + size + stride + "\u0089ccollections\nOrderedDict\n)RtRu.";
    }

    /** Three tensors on storages of 100 million floats each: each alone is allowed, together they are not. */
    private static String threeLargeStorages() {
        StringBuilder sb = new StringBuilder("\u0080\u0002ccollections\nOrderedDict\n)R(");
        for (char k : new char[] {'a', 'b', 'c'}) {
            sb.append("X\u0001\u0000\u0000\u0000").append(k).append("ctorch._utils\n_rebuild_tensor_v2\n")
                    .append("((X\u0007\u0000\u0000\u0000storagectorch\nFloatStorage\nX\u0001\u0000\u0000\u0000").append(k)
                    .append("X\u0003\u0000\u0000\u0000cpuJ\u0000\u00e1\u00f5\u0005tQK\u0000K\u0001\u0085K\u0001\u0085")
                    .append("\u0089ccollections\nOrderedDict\n)RtR");
        }
        return sb.append("u.").toString();
    }

    private static Path safetensors(String name, String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        return Files.write(tmp.resolve(name), b.array());
    }

    static Stream<Arguments> corpus() throws IOException {
        Map<String, byte[]> tiny = Fixtures.entries(Fixtures.file("tiny.pth"));
        byte[] whole = Files.readAllBytes(Fixtures.file("tiny.pth"));
        Map<String, byte[]> noPickle = Fixtures.entries(Fixtures.file("tiny.pth"));
        noPickle.put("tiny/model.pkl", noPickle.remove("tiny/data.pkl"));
        Map<String, byte[]> noStorage = Fixtures.entries(Fixtures.file("tiny.pth"));
        noStorage.remove("tiny/data/7");
        Map<String, byte[]> shortStorage = Fixtures.entries(Fixtures.file("tiny.pth"));
        shortStorage.put("tiny/data/0", Arrays.copyOf(tiny.get("tiny/data/0"), 100));
        Map<String, byte[]> cutPickle = Fixtures.entries(Fixtures.file("tiny.pth"));
        cutPickle.put("tiny/data.pkl", Arrays.copyOf(tiny.get("tiny/data.pkl"), 300));
        ByteBuffer hugeHeader = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        return Stream.of(
                Arguments.of(Fixtures.file("os-system.pth"), "refused the pickle global posix.system"),
                Arguments.of(Fixtures.file("builtins-eval.pth"), "refused the pickle global __builtin__.eval"),
                Arguments.of(Fixtures.file("whole-module.pth"), "refused the pickle global __main__.TinyNetwork: only a state_dict's tensors are read (save net.state_dict(), not the network)"),
                Arguments.of(Fixtures.file("legacy.pth"), "was saved in PyTorch's legacy format"),
                Arguments.of(Fixtures.file("int-weights.pth"), "a tensor is stored as torch.IntStorage: parameters are floating point"),
                Arguments.of(Fixtures.withPickle(tmp.resolve("stack-global.pth"),
                        pickle("\u0080\u0004\u008c\u0005posix\u008c\u0006system\u0093X\u0002\u0000\u0000\u0000ls\u0085R.")),
                        "refused the pickle global posix.system"),
                Arguments.of(Fixtures.withPickle(tmp.resolve("newobj.pth"), pickle("\u0080\u0002ccollections\nOrderedDict\n)\u0081.")),
                        "pickle opcode 0x81 at byte 28 is not one a state_dict uses; nothing was run"),
                Arguments.of(Fixtures.withPickle(tmp.resolve("inst.pth"), pickle("(iposix\nsystem\n.")),
                        "pickle opcode 0x69 at byte 1"),
                Arguments.of(Fixtures.withPickle(tmp.resolve("storage-call.pth"), pickle("\u0080\u0002ctorch\nFloatStorage\n)R.")),
                        "refused torch.FloatStorage: not part of a state_dict"),
                Arguments.of(Fixtures.withPickle(tmp.resolve("huge-size.pth"), pickle(oneTensor("J\u00a0\u0086\u0001\u0000J\u00a0\u0086\u0001\u0000\u0086", "J\u00a0\u0086\u0001\u0000K\u0001\u0086", "K\u0001"))),
                        "a tensor of [100000, 100000] is larger than any model here (at most 100,000,000 values)"),
                Arguments.of(Fixtures.withPickle(tmp.resolve("huge-storage.pth"), pickle(oneTensor("K\u0001\u0085", "K\u0001\u0085", "J\u00ff\u00ff\u00ff\u007f"))),
                        "a tensor of [2147483647] is larger than any model here"),
                Arguments.of(Fixtures.withPickle(tmp.resolve("three-storages.pth"), pickle(threeLargeStorages())),
                        "a tensor of [300000000] in all is larger than any model here (at most 200,000,000 values)"),
                Arguments.of(Fixtures.withPickle(tmp.resolve("outside.pth"), pickle(oneTensor("K\n\u0085", "K\u0001\u0085", "K\u0005"))),
                        "a tensor of [10] reaches beyond its storage '0' of 5 values"),
                Arguments.of(Fixtures.withPickle(tmp.resolve("long-string.pth"), pickle("\u0080\u0002X\u00ff\u00ff\u00ff\u007f")),
                        "the pickle ends before its STOP"),
                Arguments.of(Fixtures.withPickle(tmp.resolve("a-list.pth"), pickle("\u0080\u0002].")), "holds [], not a state_dict"),
                Arguments.of(Fixtures.withPickle(tmp.resolve("underflow.pth"), pickle("\u0080\u0002J\u0001")), "the pickle is malformed"),
                Arguments.of(Fixtures.zip(tmp.resolve("cut-pickle.pth"), cutPickle), "the pickle ends before its STOP"),
                Arguments.of(Files.write(tmp.resolve("truncated.pth"), Arrays.copyOf(whole, whole.length / 2)),
                        "is not a torch.save file: it is not a complete zip archive (truncated?)"),
                Arguments.of(Fixtures.zip(tmp.resolve("no-pickle.pth"), noPickle), "has no <archive>/data.pkl entry"),
                Arguments.of(Fixtures.zip(tmp.resolve("no-storage.pth"), noStorage), "has no entry tiny/data/7 for the tensor 'fc.weight'"),
                Arguments.of(Fixtures.zip(tmp.resolve("short-storage.pth"), shortStorage),
                        "the entry tiny/data/0 for 'conv.weight' holds 100 bytes, fewer than the 400 its tensor needs"),
                Arguments.of(Files.write(tmp.resolve("huge-header.safetensors"), hugeHeader.array()),
                        "is not a safetensors file: its header claims 1,099,511,627,776 bytes of a 64-byte file"),
                Arguments.of(safetensors("not-json.safetensors", "[1, 2]", 0), "the safetensors header is not a JSON object"),
                Arguments.of(safetensors("bad-range.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4),
                        "the tensor 'w' claims bytes 0-4, but its shape needs 8 bytes and the data are 4 bytes"),
                Arguments.of(safetensors("ints.safetensors", "{\"w\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                        "the tensor 'w' holds I32 values: parameters are floating point"),
                Arguments.of(safetensors("huge.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[100000,100000],\"data_offsets\":[0,4]}}", 4),
                        "a tensor of [100000, 100000] is larger than any model here"),
                Arguments.of(safetensors("entry.safetensors", "{\"w\":5}", 0), "the header entry 'w' is not a tensor description"));
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void isRefusedInOneLineNamingTheFile(Path file, String expected) {
        InteropException e = assertThrows(InteropException.class, () -> ParameterFiles.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertFalse(Files.exists(RAN), "a pickle's call was run");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = tmp.resolve("modelpara.pth");
        InteropException e = assertThrows(InteropException.class, () -> ParameterFiles.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }
}
