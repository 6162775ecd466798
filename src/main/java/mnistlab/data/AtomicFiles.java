package mnistlab.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a file so that readers see either the old content or the complete new one: the bytes
 * go to a temporary file in the same folder, which is then renamed over the target. An
 * interrupted write leaves only a {@code .tmp} file behind, never a half-written target.
 */
public final class AtomicFiles {

    /** Writes content into a stream; the stream is closed by {@link #write}. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the content.
         * @param out where to
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes a file so that readers see the old content or the whole new one, never a part.
     * @param target the file
     * @param writer writes the content
     * @throws IOException when it cannot be written
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            readableByAll(tmp);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.writeTo(out);
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes a UTF-8 text file atomically.
     * @param target the file
     * @param text the content
     * @throws IOException when it cannot be written
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Temporary files start private (rw-------); the finished file should be as readable as any other. */
    static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /**
     * Renames a finished temporary file (in the target's folder) over the target.
     * @param tmp the finished file
     * @param target where it goes
     * @throws IOException when it cannot be moved
     */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Deletes a folder and everything in it; a missing folder is fine.
     * @param root the folder
     * @throws IOException when something cannot be deleted
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Deletes {@code dir} and its parents up to and including {@code outermost} while they are
     * empty, so that a failed operation leaves no folders it created behind. It stops quietly at the
     * first folder it cannot delete: it runs while the failure's own error is on its way to the
     * user, which must not be replaced by one about an empty folder.
     * @param dir the innermost folder
     * @param outermost the last folder to delete; an ancestor of dir, or dir itself
     */
    static void deleteEmptyFolders(Path dir, Path outermost) {
        Path stop = outermost.toAbsolutePath();
        for (Path p = dir.toAbsolutePath(); p != null && p.startsWith(stop); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException notEmptyOrNotOurs) {
                return;
            }
        }
    }
}
