package mnistlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory as Linux reports it (native libtorch memory included, unlike the JVM's own figures). */
final class Memory {
    private Memory() {
    }

    static long peakRssMb() {
        return statusKb("VmHWM:") / 1024;
    }

    static long rssMb() {
        return statusKb("VmRSS:") / 1024;
    }

    /**
     * Starts a new peak: {@link #peakRssMb()} then covers only what follows (Linux's
     * {@code clear_refs} 5). False when the kernel refuses, and the peak stays the process's.
     */
    static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
