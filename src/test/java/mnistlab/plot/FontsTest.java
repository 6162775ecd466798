package mnistlab.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chinese and Japanese titles on a machine whose fonts cannot draw them: the bundled font takes over. */
class FontsTest {
    @TempDir
    Path tmp;

    @Test
    void withOnlyLatinFontsInstalledTheBundledFontDrawsCjkTitles() throws Exception {
        // Java's font manager needs at least one font ("Fontconfig head is null" with none at all):
        // a configuration that knows only DejaVu, which has no CJK glyphs, stands for a fresh machine.
        Path dejavu = Path.of("/usr/share/fonts/truetype/dejavu");
        assertTrue(Files.isDirectory(dejavu), "bin/mnist-setup installs fonts-dejavu-core");
        Path config = tmp.resolve("fonts.conf");
        Files.writeString(config, "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n"
                + "  <dir>" + dejavu + "</dir>\n  <cachedir>" + tmp.resolve("cache") + "</cachedir>\n</fontconfig>\n");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-Duser.home=" + tmp, // no cached font list from the real home
                "-cp", System.getProperty("java.class.path"), FontProbe.class.getName()).redirectErrorStream(true);
        pb.environment().put("FONTCONFIG_FILE", config.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(List.of(Fonts.BUNDLED), out.lines().toList(), out);
    }
}
