package mnistlab.plot;

import mnistlab.i18n.Messages;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Picks an installed font family that can display every given text (Chinese titles need a CJK
 * font); when none can, the Noto Sans SC subset that comes in the jar (GB2312's hanzi, JIS X
 * 0208's kanji and kana, under the SIL Open Font License), so that a fresh machine draws Chinese
 * and Japanese titles without installing anything. Never fails: with no font at all it warns and
 * returns Java's logical "Dialog" font.
 */
public final class Fonts {
    /** The bundled font's family, and where it is in the jar (made by build/fonts/subset-noto-sans-sc.sh). */
    static final String BUNDLED = "Noto Sans SC";
    private static final String BUNDLED_FILE = "fonts/NotoSansSC-Subset.ttf";
    private static boolean bundledRegistered;

    /** Families tried first, in order, after the one asked for: CJK-capable fonts common on Linux. */
    private static final List<String> PREFERRED = List.of("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Zen Hei",
            "WenQuanYi Micro Hei", "Source Han Sans SC", "Droid Sans Fallback", "AR PL UMing CN", "DejaVu Sans");

    private Fonts() {
    }

    /**
     * @param requested the family the spec names, or null
     * @param warnings  receives a message when no installed font covers the texts, or the requested one does not
     * @param texts what the font must draw
     * @return the family to use
     */
    public static String family(String requested, List<String> texts, Consumer<String> warnings) {
        Set<String> installed = new LinkedHashSet<>(Arrays.asList(
                GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
        List<String> candidates = new ArrayList<>();
        if (requested != null) {
            candidates.add(requested);
        }
        candidates.addAll(PREFERRED);
        candidates.addAll(installed);
        for (String family : candidates) {
            if (installed.contains(family) && displaysAll(family, texts)) {
                if (requested != null && !family.equals(requested)) {
                    warnings.accept(Messages.get("font.instead", requested, firstUndisplayable(requested, texts), family));
                }
                return family;
            }
        }
        if (registerBundled() && displaysAll(BUNDLED, texts)) {
            if (requested != null) {
                warnings.accept(Messages.get("font.bundled", requested, firstUndisplayable(requested, texts), BUNDLED));
            }
            return BUNDLED;
        }
        warnings.accept(Messages.get("font.none", firstUndisplayable(Font.DIALOG, texts)));
        return Font.DIALOG;
    }

    /** The first text the family cannot display, quoted, and how many more: one line, however many captions. */
    private static String firstUndisplayable(String family, List<String> texts) {
        List<String> missing = texts.stream().filter(t -> !displaysAll(family, List.of(t))).toList();
        if (missing.isEmpty()) {
            return Messages.get("font.everyText");
        }
        return missing.size() > 1 ? Messages.get("font.firstOfMany", missing.get(0), missing.size() - 1)
                : Messages.get("font.one", missing.get(0));
    }

    /** Makes the bundled font known to Java2D (once); false when the jar lacks it or it cannot be read. */
    private static synchronized boolean registerBundled() {
        if (!bundledRegistered) {
            try (InputStream in = Fonts.class.getClassLoader().getResourceAsStream(BUNDLED_FILE)) {
                bundledRegistered = in != null && GraphicsEnvironment.getLocalGraphicsEnvironment()
                        .registerFont(Font.createFont(Font.TRUETYPE_FONT, in));
            } catch (IOException | FontFormatException e) {
                return false;
            }
        }
        return bundledRegistered;
    }

    /**
     * True when the family has a glyph for every character of every text.
     * @param family a font family
     * @param texts the texts
     * @return whether it draws every character of them
     */
    public static boolean displaysAll(String family, List<String> texts) {
        Font font = new Font(family, Font.PLAIN, 12);
        return texts.stream().allMatch(t -> font.canDisplayUpTo(t) == -1);
    }
}
