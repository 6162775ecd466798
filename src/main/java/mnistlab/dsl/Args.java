package mnistlab.dsl;

import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

/** Checks a DSL call's named arguments and converts its values, with messages naming the keyword. */
final class Args {
    private Args() {
    }

    static void allowOnly(String keyword, Map<String, ?> named, Set<String> allowed) {
        for (String key : named.keySet()) {
            if (!allowed.contains(key)) {
                throw new KeywordError(keyword, "'" + keyword + "' has no option '" + key + "'"
                        + Suggestions.didYouMean(key, allowed));
            }
        }
    }

    static int toInt(String keyword, String what, Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Long || value instanceof BigInteger) {
            BigInteger whole = new BigInteger(value.toString());
            if (whole.bitLength() < Integer.SIZE) {
                return whole.intValue();
            }
            throw new KeywordError(keyword, "'" + keyword + "' " + what + " must be a whole number from " + Integer.MIN_VALUE
                    + " to " + Integer.MAX_VALUE + ", not " + value);
        }
        throw new KeywordError(keyword, "'" + keyword + "' " + what + " must be a whole number, not " + describe(value));
    }

    static float toFloat(String keyword, String what, Object value) {
        if (value instanceof Number n) {
            return n.floatValue();
        }
        throw new KeywordError(keyword, "'" + keyword + "' " + what + " must be a number, not " + describe(value));
    }

    static double toDouble(String keyword, String what, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new KeywordError(keyword, "'" + keyword + "' " + what + " must be a number, not " + describe(value));
    }

    static String toText(String keyword, String what, Object value) {
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        throw new KeywordError(keyword, "'" + keyword + "' " + what + " must be a string, not " + describe(value));
    }

    static boolean toBoolean(String keyword, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new KeywordError(keyword, "'" + keyword + "' takes true or false, not " + describe(value));
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
        return value.getClass().getSimpleName() + " " + text;
    }
}
