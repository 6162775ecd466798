package mnistlab.engine.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed device choice: {@code auto}, {@code cpu}, {@code gpu} (the first) or {@code gpu:N}. */
public record DeviceSpec(String type, int index) {
    private static final Pattern FORM = Pattern.compile("(auto|cpu|gpu)(?::(\\d+))?");

    public static DeviceSpec parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches() || (m.group(2) != null && !m.group(1).equals("gpu"))) {
            throw new IllegalArgumentException("unknown device '" + text + "': use auto, cpu, gpu or gpu:N");
        }
        return new DeviceSpec(m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }
}
