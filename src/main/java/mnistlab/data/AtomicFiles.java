package mnistlab.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
     * Creates a folder and its missing parents, as {@link Files#createDirectories} does, but says
     * which ones it created, so that only those are removed again on failure. Elements are created
     * one by one as written: after {@code ..} a path can lead back into a folder that was there.
     * @param dir the folder
     * @return the folders this call created, innermost first
     * @throws IOException when a folder cannot be created, or a path element is not a folder
     */
    static List<Path> createFolders(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        List<Path> created = new ArrayList<>();
        Path current = absolute.getRoot();
        for (Path name : absolute) {
            current = current.resolve(name);
            try {
                Files.createDirectory(current);
                created.add(0, current);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(current)) {
                    throw e;
                }
            }
        }
        return created;
    }

    /**
     * Deletes these folders in order while they are empty. It stops quietly at the first one it
     * cannot delete: it runs while a failure's own error is on its way to the user, which must not
     * be replaced by one about an empty folder.
     * @param folders innermost first, as {@link #createFolders} returns them
     */
    static void deleteEmptyFolders(List<Path> folders) {
        for (Path folder : folders) {
            try {
                Files.deleteIfExists(folder);
            } catch (IOException notEmptyOrNotOurs) {
                return;
            }
        }
    }
}
