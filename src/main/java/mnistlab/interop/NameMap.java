package mnistlab.interop;

import mnistlab.i18n.Messages;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PyTorch keys paired with the model's parameters, as a text file with one pair a line,
 * {@code conv1.weight 0.weight} (the key, then the layer's index in the script and the role);
 * {@code #} starts a comment. {@code --map FILE} gives it to import and export, and an imported
 * run keeps the names it came with in {@value #RUN_FILE}, so that it exports under them.
 *
 * @param keys each key's parameter address ({@link ModelParameter#address()}), in the file's order
 */
public record NameMap(Map<String, String> keys) {
    /** The names an imported run came with, in its run folder. */
    public static final String RUN_FILE = "pytorch-names.txt";
    /** A map file bigger than this is not one (the seed's has 8 lines). */
    private static final long MAX_BYTES = 1 << 20;
    private static final Pattern LINE = Pattern.compile("(\\S+)\\s+(\\d{1,6})\\.(weight|bias|running_mean|running_var)");

    /**
     * Keeps the order.
     * @param keys each key's parameter address
     */
    public NameMap {
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    /**
     * Reads a map file.
     * @param file the file
     * @return its pairs
     * @throws InteropException naming the file and line of what is wrong
     * @throws IOException when it cannot be read
     */
    public static NameMap read(Path file) throws IOException {
        ParameterFiles.requireFile(file);
        if (Files.size(file) > MAX_BYTES) {
            throw new InteropException(Messages.get("interop.mapTooLarge", file, MAX_BYTES));
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (MalformedInputException e) {
            throw new InteropException(Messages.get("interop.mapNotText", file), e);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, String> addresses = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new InteropException(Messages.get("interop.mapLine", file, i + 1, line));
            }
            String address = m.group(2) + "." + m.group(3);
            String before = addresses.put(address, m.group(1));
            if (keys.put(m.group(1), address) != null || before != null) {
                throw new InteropException(Messages.get("interop.mapTwice", file, i + 1, before != null ? address : m.group(1)));
            }
        }
        return new NameMap(keys);
    }

    /**
     * The names the seed's {@code MNIST_Network} gives: {@code conv1}, {@code conv2}, ... for
     * convolutions, {@code fc1}, ... for linear layers and {@code bn1}, ... for BatchNorm, counted
     * separately, each followed by the role.
     * @param parameters the model's parameters
     * @return a map in the model's order
     */
    public static NameMap seedNames(List<ModelParameter> parameters) {
        Map<String, Integer> counts = new HashMap<>();
        Map<Integer, String> layerNames = new HashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        for (ModelParameter p : parameters) {
            String name = layerNames.computeIfAbsent(p.layer(), layer -> {
                String prefix = switch (p.kind()) {
                    case "conv2d" -> "conv";
                    case "linear" -> "fc";
                    case "batchNorm" -> "bn";
                    default -> p.kind();
                };
                return prefix + counts.merge(prefix, 1, Integer::sum);
            });
            keys.put(name + "." + p.role(), p.address());
        }
        return new NameMap(keys);
    }

    /**
     * The map as a file's text, one pair a line.
     * @return the text
     */
    public String format() {
        StringBuilder sb = new StringBuilder("# PyTorch key, then the parameter: layer index in model { } and role\n");
        keys.forEach((key, address) -> sb.append(key).append(' ').append(address).append('\n'));
        return sb.toString();
    }
}
