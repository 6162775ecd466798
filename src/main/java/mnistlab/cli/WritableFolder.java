package mnistlab.cli;

import mnistlab.i18n.Messages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Says before any work starts whether a folder could be created and written, so a run does not fail at its end. */
final class WritableFolder {
    private WritableFolder() {
    }

    /** Null when {@code dir} is, or can become, a folder this process writes into; else why not. */
    static String problem(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Messages.get("folder.missing");
        }
        if (!Files.isDirectory(existing)) {
            return existing.equals(absolute) ? Messages.get("folder.notFolder") : Messages.get("folder.partNotFolder", existing);
        }
        try {
            // access(2) says yes to root everywhere, /proc included: only a real file tells.
            Files.delete(Files.createTempFile(existing, ".mnist-lab-probe", ""));
            return null;
        } catch (IOException | SecurityException e) {
            return Messages.get("folder.notWritable", existing);
        }
    }
}
