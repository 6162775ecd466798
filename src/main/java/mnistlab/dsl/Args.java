package mnistlab.dsl;

import mnistlab.i18n.Messages;

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
                throw new KeywordError(keyword, Messages.get("dsl.noOption", keyword, key, Suggestions.didYouMean(key, allowed)));
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
            throw new KeywordError(keyword, Messages.get("dsl.intRange", keyword, what, Integer.MIN_VALUE, Integer.MAX_VALUE, value));
        }
        throw new KeywordError(keyword, Messages.get("dsl.notInt", keyword, what, describe(value)));
    }

    static float toFloat(String keyword, String what, Object value) {
        if (value instanceof Number n) {
            return n.floatValue();
        }
        throw new KeywordError(keyword, Messages.get("dsl.notNumber", keyword, what, describe(value)));
    }

    static double toDouble(String keyword, String what, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new KeywordError(keyword, Messages.get("dsl.notNumber", keyword, what, describe(value)));
    }

    static String toText(String keyword, String what, Object value) {
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        throw new KeywordError(keyword, Messages.get("dsl.notText", keyword, what, describe(value)));
    }

    static boolean toBoolean(String keyword, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new KeywordError(keyword, Messages.get("dsl.notBoolean", keyword, describe(value)));
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
        return value.getClass().getSimpleName() + " " + text;
    }
}
