package mnistlab.dsl;

import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a sandboxed script may call, as data: classes' own methods by owner, and Groovy's added
 * methods by the kind of value they act on. Anything not listed is refused ({@link SandboxExtension}).
 */
final class SandboxAllowList {
    static final ClassNode TEXT_TYPE = ClassHelper.make(CharSequence.class);

    private SandboxAllowList() {
    }

    private static final String EVERY_METHOD = "*";
    private static final Set<String> NUMBER = Set.of("intValue", "longValue", "doubleValue", "floatValue", "shortValue",
            "byteValue", "compareTo", "equals", "hashCode", "toString", "isNaN", "isInfinite");
    private static final Set<String> TEXT = Set.of("length", "charAt", "isEmpty", "isBlank", "substring", "subSequence",
            "startsWith", "endsWith", "contains", "indexOf", "lastIndexOf", "toLowerCase", "toUpperCase", "trim", "strip",
            "equals", "equalsIgnoreCase", "compareTo", "hashCode", "toString", "concat", "plus");
    private static final Set<String> LIST = Set.of("size", "isEmpty", "get", "contains", "indexOf", "lastIndexOf", "add",
            "set", "remove", "iterator", "equals", "hashCode", "toString", "subList", "clear");
    private static final Set<String> MAP = Set.of("size", "isEmpty", "get", "getOrDefault", "containsKey", "containsValue",
            "put", "remove", "keySet", "values", "entrySet", "equals", "hashCode", "toString", "clear");
    private static final Set<String> ALL_DSL = Set.of(EVERY_METHOD);

    /** Classes whose own methods a sandboxed script may call, and which. */
    private static final Map<String, Set<String>> CLASSES = Map.ofEntries(
            Map.entry(ExperimentScript.class.getName(), ALL_DSL),
            // Not printf: a format such as %0999999999d builds a gigabyte in one call.
            Map.entry("groovy.lang.Script", Set.of("println", "print")),
            Map.entry("groovy.lang.Closure", Set.of("call", "doCall")),
            Map.entry(DatasetDsl.class.getName(), ALL_DSL),
            Map.entry(ModelDsl.class.getName(), Set.of("conv2d", "linear", "relu", "sigmoid", "tanh", "gelu", "leakyRelu",
                    "maxPool", "avgPool", "flatten", "dropout", "batchNorm")),
            Map.entry(TrainDsl.class.getName(), ALL_DSL),
            Map.entry(PlotsDsl.class.getName(), ALL_DSL),
            Map.entry(AugmentDsl.class.getName(), ALL_DSL),
            Map.entry(SweepDsl.class.getName(), ALL_DSL),
            Map.entry("java.lang.Math", Set.of(EVERY_METHOD)),
            Map.entry("java.lang.Number", NUMBER), Map.entry("java.lang.Integer", NUMBER), Map.entry("java.lang.Long", NUMBER),
            Map.entry("java.lang.Double", NUMBER), Map.entry("java.lang.Float", NUMBER), Map.entry("java.lang.Short", NUMBER),
            Map.entry("java.lang.Byte", NUMBER), Map.entry("java.lang.Comparable", Set.of("compareTo")),
            Map.entry("java.lang.Boolean", Set.of("booleanValue", "equals", "compareTo", "toString", "hashCode")),
            Map.entry("java.lang.String", TEXT), Map.entry("java.lang.CharSequence", TEXT), Map.entry("groovy.lang.GString", TEXT),
            Map.entry("java.lang.Iterable", Set.of("iterator")), Map.entry("java.util.Iterator", Set.of("hasNext", "next")),
            Map.entry("java.util.Collection", LIST), Map.entry("java.util.List", LIST), Map.entry("java.util.AbstractList", LIST),
            Map.entry("java.util.ArrayList", LIST), Map.entry("java.util.Set", LIST),
            Map.entry("java.util.Map", MAP), Map.entry("java.util.LinkedHashMap", MAP), Map.entry("java.util.HashMap", MAP),
            Map.entry("java.util.Map$Entry", Set.of("getKey", "getValue")),
            Map.entry("groovy.lang.Range", Set.of("getFrom", "getTo", "isReverse", "contains", "size", "get", "iterator", "toString")),
            Map.entry("groovy.lang.IntRange", Set.of("getFrom", "getTo", "isReverse", "contains", "size", "get", "iterator",
                    "toString", "equals")));

    /** Groovy's added methods, by the kind of value they act on. */
    private static final Set<String> ADDED_FOR_NUMBERS = Set.of("plus", "minus", "multiply", "div", "mod", "intdiv",
            "negative", "positive", "abs", "round", "toInteger", "toLong", "toDouble", "toFloat", "times", "upto", "downto",
            "step", "compareTo", "equals", "next", "previous", "asBoolean", "isCase");
    private static final Set<String> ADDED_FOR_COLLECTIONS = Set.of("each", "eachWithIndex", "collect", "findAll", "find",
            "any", "every", "sum", "max", "min", "size", "getAt", "putAt", "plus", "minus", "leftShift", "toList", "reverse",
            "sort", "join", "inject", "contains", "first", "last", "indexed", "iterator", "isCase", "asBoolean", "equals");
    private static final Set<String> ADDED_FOR_TEXT = Set.of("plus", "size", "getAt", "toInteger", "toLong", "toDouble",
            "toFloat", "isCase", "asBoolean", "equals", "compareTo", "contains");
    private static final Set<String> ADDED_FOR_BOOLEANS = Set.of("and", "or", "xor", "implies", "asBoolean", "equals");
    /** On a range (two billion elements cost nothing to write), only what visits elements through a checked closure. */
    private static final Set<String> ADDED_FOR_RANGES = Set.of("each", "eachWithIndex", "collect", "findAll", "find", "any",
            "every", "inject", "size", "getAt", "contains", "first", "last", "iterator", "isCase", "asBoolean");

    /** Whether a class's own method may be called; a range receiver is judged as a range whatever declares the method. */
    static boolean ownMethod(ClassNode owner, String name) {
        Set<String> allowed = CLASSES.get(owner.equals(ClassHelper.RANGE_TYPE) ? "groovy.lang.IntRange" : owner.getName());
        return allowed != null && (allowed.contains(EVERY_METHOD) || allowed.contains(name));
    }

    /** Whether a script may hold and read properties of values of this type. */
    static boolean hasClass(ClassNode type) {
        return CLASSES.containsKey(type.redirect().getName());
    }

    /** An added method is judged by the declared type of the value it acts on, and by whether a range is involved. */
    static boolean addedMethod(MethodNode method, List<ClassNode> operands) {
        String name = method.getName();
        Parameter[] params = method.getParameters();
        ClassNode self = params[0].getType();
        if (operands.stream().anyMatch(SandboxAllowList::isRange) && !ADDED_FOR_RANGES.contains(name)) {
            return false;
        }
        if (ClassHelper.isNumberType(self) || self.isDerivedFrom(ClassHelper.Number_TYPE) || self.equals(ClassHelper.Number_TYPE)) {
            return ADDED_FOR_NUMBERS.contains(name);
        }
        if (ClassHelper.isPrimitiveBoolean(self) || self.equals(ClassHelper.Boolean_TYPE)) {
            return ADDED_FOR_BOOLEANS.contains(name);
        }
        if (self.implementsInterface(TEXT_TYPE) || self.equals(TEXT_TYPE)
                || self.equals(ClassHelper.GSTRING_TYPE)) {
            return ADDED_FOR_TEXT.contains(name);
        }
        boolean map = self.equals(ClassHelper.MAP_TYPE) || self.implementsInterface(ClassHelper.MAP_TYPE);
        boolean collection = map || self.equals(ClassHelper.ITERABLE_TYPE) || self.implementsInterface(ClassHelper.ITERABLE_TYPE)
                || self.equals(ClassHelper.Iterator_TYPE);
        if (!collection || !ADDED_FOR_COLLECTIONS.contains(name)) {
            return false;
        }
        // list['name'] reads that property of every element: only maps take text keys.
        boolean byName = (name.equals("getAt") || name.equals("putAt")) && params.length > 1
                && (params[1].getType().equals(ClassHelper.STRING_TYPE) || params[1].getType().equals(ClassHelper.OBJECT_TYPE));
        return map || !byName;
    }

    static boolean isRange(ClassNode type) {
        return type.equals(ClassHelper.RANGE_TYPE) || type.implementsInterface(ClassHelper.RANGE_TYPE);
    }
}
