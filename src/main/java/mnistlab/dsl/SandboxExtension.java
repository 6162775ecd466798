package mnistlab.dsl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Variable;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.transform.stc.ExtensionMethodNode;
import org.codehaus.groovy.transform.stc.StaticTypeCheckingVisitor;
import org.codehaus.groovy.transform.stc.TypeCheckingExtension;

import java.util.List;
import java.util.Set;

/**
 * The sandbox's allow-list, applied while the script is statically type-checked: every selected
 * method, property, constructor, cast and class reference is checked, and anything else is a
 * compile error at its line and column. Allowed: the DSL's own builders, the script's own
 * helper methods and closures, arithmetic and plain collections, and NDArray maths for lambda layers.
 */
public class SandboxExtension extends TypeCheckingExtension {

    /** Classes whose own public methods a sandboxed script may call. */
    private static final Set<String> CLASSES = Set.of(
            ExperimentScript.class.getName(), DatasetDsl.class.getName(), ModelDsl.class.getName(),
            TrainDsl.class.getName(), PlotsDsl.class.getName(),
            NDArray.class.getName(), NDList.class.getName(), Shape.class.getName(),
            "java.lang.Number", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float",
            "java.lang.Short", "java.lang.Byte", "java.math.BigDecimal", "java.math.BigInteger", "java.lang.Math",
            "java.lang.Boolean", "java.lang.String", "java.lang.CharSequence", "java.lang.Comparable",
            "java.lang.Iterable", "java.util.Collection", "java.util.List", "java.util.AbstractList",
            "java.util.ArrayList", "java.util.Map", "java.util.LinkedHashMap", "java.util.HashMap",
            "java.util.Iterator", "java.util.Set", "groovy.lang.IntRange", "groovy.lang.Range",
            "groovy.lang.GString");

    /** Groovy's added methods (DefaultGroovyMethods and friends) a script may use: loops and arithmetic. */
    private static final Set<String> GROOVY_METHODS = Set.of(
            "times", "upto", "downto", "step", "each", "eachWithIndex", "collect", "findAll", "find", "any", "every",
            "sum", "max", "min", "size", "getAt", "putAt", "plus", "minus", "multiply", "div", "mod", "power",
            "intdiv", "negative", "positive", "leftShift", "next", "previous", "isCase", "toList", "reverse",
            "sort", "join", "abs", "round", "toInteger", "toDouble", "toFloat", "asBoolean", "compareTo", "equals",
            "iterator", "inject", "contains", "first", "last", "indexed", "with");

    /** Methods of Object and Script a script may use. */
    private static final Set<String> BASIC_METHODS = Set.of("toString", "equals", "hashCode", "println", "print",
            "printf", "call", "doCall");

    private static final Set<String> FORBIDDEN_NAMES = Set.of("class", "metaClass", "binding", "delegate",
            "owner", "thisObject", "properties", "classLoader", "declaredMethods", "resolveStrategy", "directive");

    private ClassNode scriptClass;

    public SandboxExtension(StaticTypeCheckingVisitor visitor) {
        super(visitor);
    }

    @Override
    public boolean beforeVisitClass(ClassNode node) {
        if (node.isScript()) {
            scriptClass = node;
            checkImports(node.getModule());
        } else {
            addStaticTypeError("sandbox: declaring classes (" + node.getName() + ") is not allowed in a sandboxed script", node);
        }
        return false;
    }

    private void checkImports(ModuleNode module) {
        List<ImportNode> imports = new java.util.ArrayList<>(module.getImports());
        imports.addAll(module.getStaticImports().values());
        imports.addAll(module.getStaticStarImports().values());
        for (ImportNode i : module.getStarImports()) {
            if (!"mnistlab.dsl.".equals(i.getPackageName())) {
                imports.add(i);
            }
        }
        if (module.getPackage() != null) {
            addStaticTypeError("sandbox: a package declaration is not allowed in a sandboxed script", module.getPackage());
        }
        for (ImportNode i : imports) {
            addStaticTypeError("sandbox: imports are not allowed in a sandboxed script (" + i.getText() + ")", i);
        }
    }

    @Override
    public void onMethodSelection(Expression call, MethodNode target) {
        if (!allowed(target)) {
            addStaticTypeError("sandbox: calling " + describe(target) + " is not allowed in a sandboxed script", call);
        }
    }

    private boolean allowed(MethodNode target) {
        String name = target.getName();
        if (target instanceof ExtensionMethodNode) {
            return GROOVY_METHODS.contains(name);
        }
        ClassNode owner = target.getDeclaringClass();
        if (owner.equals(scriptClass) || (scriptClass != null && owner.getName().startsWith(scriptClass.getName() + "$"))) {
            return !name.equals("run") && !name.equals("main"); // the script's own helpers, not itself again
        }
        if (BASIC_METHODS.contains(name) && (owner.equals(ClassHelper.OBJECT_TYPE) || owner.getName().equals("groovy.lang.Script")
                || owner.getName().equals("groovy.lang.Closure"))) {
            return true;
        }
        return CLASSES.contains(owner.getName()) && !name.equals("getClass") && !name.startsWith("wait")
                && !name.startsWith("notify") && !name.equals("getManager");
    }

    private static String describe(MethodNode target) {
        ClassNode owner = target instanceof ExtensionMethodNode ext
                ? ext.getExtensionMethodNode().getDeclaringClass() : target.getDeclaringClass();
        return owner.getNameWithoutPackage() + "." + target.getName() + "()";
    }

    @Override
    public void afterVisitClass(ClassNode node) {
        new Checker(node).visitClass(node);
    }

    /** The checks that are not method selections: constructors, properties, casts, class references. */
    private final class Checker extends ClassCodeVisitorSupport {
        private final ClassNode node;

        Checker(ClassNode node) {
            this.node = node;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return node.getModule().getContext();
        }

        private void refuse(String what, ASTNode where) {
            addStaticTypeError("sandbox: " + what + " is not allowed in a sandboxed script", where);
        }

        @Override
        public void visitAnnotations(org.codehaus.groovy.ast.AnnotatedNode annotated) {
            for (AnnotationNode a : annotated.getAnnotations()) {
                if (!a.getClassNode().getName().startsWith("groovy.transform.")) {
                    refuse("the annotation @" + a.getClassNode().getNameWithoutPackage(), a);
                }
            }
            super.visitAnnotations(annotated);
        }

        @Override
        public void visitConstructorCallExpression(ConstructorCallExpression call) {
            refuse("creating objects (new " + call.getType().getNameWithoutPackage() + ")", call);
            super.visitConstructorCallExpression(call);
        }

        @Override
        public void visitClassExpression(ClassExpression expression) {
            if (!expression.getType().getName().equals("java.lang.Math")) {
                refuse("referring to the class " + expression.getType().getName(), expression);
            }
            super.visitClassExpression(expression);
        }

        @Override
        public void visitPropertyExpression(PropertyExpression expression) {
            checkProperty(expression.getPropertyAsString(), expression.getObjectExpression(), expression);
            super.visitPropertyExpression(expression);
        }

        @Override
        public void visitAttributeExpression(AttributeExpression expression) {
            refuse("direct field access (.@" + expression.getPropertyAsString() + ")", expression);
            super.visitAttributeExpression(expression);
        }

        private void checkProperty(String name, Expression receiver, ASTNode where) {
            if (name == null || FORBIDDEN_NAMES.contains(name)) {
                refuse("the property '" + name + "'", where);
                return;
            }
            ClassNode type = getType(receiver);
            if (type != null && !type.equals(scriptClass) && !CLASSES.contains(type.redirect().getName())
                    && !ClassHelper.isPrimitiveType(type)) {
                refuse("reading properties of " + type.getNameWithoutPackage(), where);
            }
        }

        @Override
        public void visitVariableExpression(VariableExpression expression) {
            Variable v = expression.getAccessedVariable();
            boolean local = v != null && !(v instanceof org.codehaus.groovy.ast.DynamicVariable)
                    && !(v instanceof org.codehaus.groovy.ast.PropertyNode) && !(v instanceof org.codehaus.groovy.ast.FieldNode);
            if (!local && FORBIDDEN_NAMES.contains(expression.getName()) && !"delegate".equals(expression.getName())) {
                refuse("the name '" + expression.getName() + "'", expression);
            }
            super.visitVariableExpression(expression);
        }

        @Override
        public void visitBinaryExpression(BinaryExpression expression) {
            if (expression.getOperation().getText().equals("=") && !(expression instanceof DeclarationExpression)) {
                Expression left = expression.getLeftExpression();
                boolean local = left instanceof VariableExpression v && v.getAccessedVariable() != null
                        && !(v.getAccessedVariable() instanceof org.codehaus.groovy.ast.DynamicVariable)
                        && !(v.getAccessedVariable() instanceof org.codehaus.groovy.ast.PropertyNode);
                if (!local) {
                    refuse("assigning to '" + left.getText() + "'", expression);
                }
            }
            super.visitBinaryExpression(expression);
        }

        @Override
        public void visitCastExpression(CastExpression expression) {
            String target = expression.getType().redirect().getName();
            if (!CLASSES.contains(target) && !ClassHelper.isPrimitiveType(expression.getType())
                    && !target.equals("java.lang.Object")) {
                refuse("converting to " + expression.getType().getNameWithoutPackage(), expression);
            }
            super.visitCastExpression(expression);
        }

        @Override
        public void visitMethodPointerExpression(MethodPointerExpression expression) {
            refuse("using method pointers (.&)", expression);
            super.visitMethodPointerExpression(expression);
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            if (call.getMethodAsString() == null) {
                refuse("calling a method by a computed name", call);
            }
            super.visitMethodCallExpression(call);
        }

        @Override
        public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
            if (!node.getName().equals(call.getOwnerType().getName()) && !CLASSES.contains(call.getOwnerType().getName())) {
                refuse("calling " + call.getOwnerType().getNameWithoutPackage() + "." + call.getMethod() + "()", call);
            }
            super.visitStaticMethodCallExpression(call);
        }
    }
}
