package mnistlab.plot;

import java.util.ArrayList;
import java.util.List;

/** Run by FontsTest in a JVM of its own: prints the family chosen for a Chinese and a Japanese title, then any warnings. */
public final class FontProbe {
    private FontProbe() {
    }

    public static void main(String[] args) {
        List<String> warnings = new ArrayList<>();
        String family = Fonts.family(null, List.of("训练集部分数据", "ひらがな・漢字"), warnings::add);
        System.out.println(family);
        warnings.forEach(System.out::println);
    }
}
