package mnistlab.dsl;

import mnistlab.i18n.Messages;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Reads a script file as UTF-8 text; anything else is one {@link DslException} naming the file and what it is. */
public final class ScriptFiles {
    /** Far above any experiment script; keeps a wrong file name from reading gigabytes. */
    static final long MAX_BYTES = 1L << 20;

    private ScriptFiles() {
    }

    /**
     * A script's text: a regular UTF-8 file of at most 1 MB.
     * @param file the script
     * @return its text
     * @throws DslException naming the file and what it is instead
     */
    public static String read(Path file) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw problem(name, Messages.get("file.directory"));
        }
        if (!Files.exists(file)) {
            throw problem(name, Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    ? Messages.get("file.brokenLink") : Messages.get("file.missing"));
        }
        if (!Files.isRegularFile(file)) {
            throw problem(name, Messages.get("file.notRegular"));
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw problem(name, Messages.get("file.tooLarge", Files.size(file), MAX_BYTES));
            }
            bytes = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw problem(name, Messages.get("file.denied"));
        } catch (IOException e) {
            throw problem(name, Messages.get("file.unreadable", e.getMessage()));
        }
        return decode(name, bytes);
    }

    /** Strict UTF-8, naming the first bad byte; a NUL byte marks a binary file. */
    static String decode(String name, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw problem(name, Messages.get("file.binary", i));
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw problem(name, Messages.get("file.notUtf8", bytes[at] & 0xff, at));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static DslException problem(String file, String what) {
        return new DslException(file, 0, 0, what, null);
    }
}
