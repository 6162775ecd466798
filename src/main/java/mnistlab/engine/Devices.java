package mnistlab.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import mnistlab.engine.spec.DeviceSpec;
import mnistlab.i18n.Messages;

/** Resolves the spec's device choice against what DJL's engine reports. */
public final class Devices {

    private Devices() {
    }

    /**
     * GPUs as DJL reports them (0 on this kind of machine).
     * @return the GPUs DJL reports
     */
    public static int gpuCount() {
        return Engine.getInstance().getGpuCount();
    }

    /**
     * {@code auto} is the first GPU when DJL reports one, else the CPU; an explicit GPU that is
     * not there is an error rather than a silent fall-back.
     * @param spec the device asked for
     * @return the DJL device
     * @throws IllegalArgumentException for a GPU DJL does not report
     */
    public static Device resolve(DeviceSpec spec) {
        int gpus = Engine.getInstance().getGpuCount();
        return switch (spec.kind()) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu(0) : Device.cpu();
            case GPU -> {
                if (spec.index() >= gpus) {
                    throw new IllegalArgumentException(Messages.get("engine.noSuchGpu", spec, spec.index(), gpus));
                }
                yield Device.gpu(spec.index());
            }
        };
    }
}
