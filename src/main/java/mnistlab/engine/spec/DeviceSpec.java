package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where to train: {@code auto} (the first GPU when DJL reports one, else the CPU), {@code cpu},
 * or GPU {@code index}. Written as scripts write it: auto, cpu, gpu, gpu:N.
 */
public record DeviceSpec(Kind kind, int index) {
    public enum Kind { AUTO, CPU, GPU }

    public static final DeviceSpec AUTO = new DeviceSpec(Kind.AUTO, 0);
    private static final Pattern FORM = Pattern.compile("(auto|cpu|gpu)(?::(\\d{1,4}))?");

    public DeviceSpec {
        if (kind == null || index < 0 || (kind != Kind.GPU && index != 0)) {
            throw new IllegalArgumentException(Messages.get("spec.noDevice", kind, index));
        }
    }

    public static DeviceSpec parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches() || (m.group(2) != null && !m.group(1).equals("gpu"))) {
            throw new IllegalArgumentException(Messages.get("spec.unknownDevice", text));
        }
        return new DeviceSpec(Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return kind == Kind.GPU && index > 0 ? name + ":" + index : name;
    }
}
