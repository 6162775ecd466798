package mnistlab.dsl;

import mnistlab.i18n.Messages;

import java.util.Collection;
import java.util.Comparator;

/** "Did you mean ...?" for mistyped keywords: the closest known word by edit distance. */
final class Suggestions {
    private Suggestions() {
    }

    /** " (did you mean 'kernel'?)" or, with nothing close, the list of what is known. */
    static String didYouMean(String word, Collection<String> known) {
        String best = known.stream().min(Comparator.comparingInt(k -> distance(word.toLowerCase(), k.toLowerCase())))
                .orElse(null);
        if (best != null && distance(word.toLowerCase(), best.toLowerCase()) <= Math.max(2, word.length() / 3)) {
            return Messages.get("dsl.didYouMean", best);
        }
        return Messages.get("dsl.knownHere", String.join(", ", known.stream().sorted().toList()));
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
