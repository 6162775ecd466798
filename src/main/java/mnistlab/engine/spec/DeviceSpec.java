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
    /** Where to train. */
    public enum Kind {
        /** A GPU when DJL reports one, else the CPU. */
        AUTO,
        /** The CPU. */
        CPU,
        /** GPU number {@code index}. */
        GPU
    }

    /** A GPU when DJL reports one, else the CPU. */
    public static final DeviceSpec AUTO = new DeviceSpec(Kind.AUTO, 0);
    private static final Pattern FORM = Pattern.compile("(auto|cpu|gpu)(?::(\\d{1,4}))?");

    /**
     * Checks each value.
     * @param kind auto, cpu or gpu
     * @param index the GPU's number, for gpu
     * @throws IllegalArgumentException naming the first value out of range
     */
    public DeviceSpec {
        if (kind == null || index < 0 || (kind != Kind.GPU && index != 0)) {
            throw new IllegalArgumentException(Messages.get("spec.noDevice", kind, index));
        }
    }

    /**
     * The device a script or --device names.
     * @param text auto, cpu, gpu or gpu:N
     * @return the device
     * @throws IllegalArgumentException for anything else
     */
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
