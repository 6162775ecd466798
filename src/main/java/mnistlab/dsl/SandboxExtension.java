package mnistlab.dsl;

import mnistlab.i18n.Messages;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.DynamicVariable;
import org.codehaus.groovy.ast.FieldNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.PropertyNode;
import org.codehaus.groovy.ast.Variable;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.transform.stc.ExtensionMethodNode;
import org.codehaus.groovy.transform.stc.StaticTypeCheckingVisitor;
import org.codehaus.groovy.transform.stc.TypeCheckingExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The sandbox's second gate, applied while the script is statically type-checked: every
 * selected method is checked by its owner and name, Groovy's added methods also by the type of
 * the value they act on, and every property, cast and class reference is checked; anything
 * else is a compile error at its line and column. Allowed: the DSL's builders (less {@code lambda},
 * whose NDArray code runs in native memory that no limit reaches), the script's own helper
 * methods and closures, and bounded operations on numbers, strings, lists, maps and ranges.
 */
public class SandboxExtension extends TypeCheckingExtension {
    private static final Set<String> FORBIDDEN_NAMES = Set.of("class", "metaClass", "binding", "delegate",
            "owner", "thisObject", "properties", "classLoader", "declaredMethods", "resolveStrategy", "directive");
    private static final Set<String> CAST_TARGETS = Set.of("java.lang.Object", "java.lang.String", "java.lang.Number",
            "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.lang.Boolean");
        private static final Set<String> UNBOUNDED_NUMBERS = Set.of("java.math.BigDecimal", "java.math.BigInteger");

    private ClassNode scriptClass;

    /**
     * The extension for one sandboxed compilation.
     * @param visitor Groovy's static type checker
     */
    public SandboxExtension(StaticTypeCheckingVisitor visitor) {
        super(visitor);
    }

    @Override
    public boolean beforeVisitClass(ClassNode node) {
        if (node.isScript()) {
            scriptClass = node;
        }
        return false;
    }

    @Override
    public void onMethodSelection(Expression call, MethodNode target) {
        String refusal = refusal(call, target);
        if (refusal != null) {
            addStaticTypeError(Messages.get("sandbox.refused", refusal), call);
        }
    }

    /** Why the call may not be made, or null when it may. */
    private String refusal(Expression call, MethodNode target) {
        String name = target.getName();
        List<ClassNode> operands = operandTypes(call);
        for (ClassNode type : operands) {
            if (UNBOUNDED_NUMBERS.contains(type.redirect().getName())) {
                return Messages.get("sandbox.arithmeticOn", type.getNameWithoutPackage());
            }
        }
        if (target instanceof ExtensionMethodNode added) {
            return SandboxAllowList.addedMethod(added.getExtensionMethodNode(), operands) ? null : Messages.get("sandbox.calling", describe(target));
        }
        ClassNode owner = target.getDeclaringClass();
        if (isScriptOwn(owner)) {
            return name.equals("run") || name.equals("main") ? Messages.get("sandbox.callingScript", name) : null;
        }
        if (owner.getName().equals(SandboxGuard.class.getName()) && name.equals("checkpoint")) {
            return null;
        }
        if (target.isStatic() && call instanceof MethodCallExpression m && !(m.getObjectExpression() instanceof ClassExpression)) {
            return Messages.get("sandbox.staticThroughValue", describe(target));
        }
        boolean rangeReceiver = !operands.isEmpty() && SandboxAllowList.isRange(operands.get(0));
        return SandboxAllowList.ownMethod(rangeReceiver ? ClassHelper.RANGE_TYPE : owner, name) ? null
                : Messages.get("sandbox.calling", describe(target));
    }

    private boolean isScriptOwn(ClassNode owner) {
        return scriptClass != null && (owner.equals(scriptClass) || owner.getName().startsWith(scriptClass.getName() + "$"));
    }

    /** The static types of the value a call acts on and of its arguments (receiver first). */
    private List<ClassNode> operandTypes(Expression call) {
        List<Expression> parts = new ArrayList<>();
        if (call instanceof MethodCallExpression m) {
            parts.add(m.getObjectExpression());
            if (m.getArguments() instanceof ArgumentListExpression args) {
                parts.addAll(args.getExpressions());
            }
        } else if (call instanceof BinaryExpression b) {
            parts.add(b.getLeftExpression());
            parts.add(b.getRightExpression());
        } else if (call instanceof StaticMethodCallExpression s && s.getArguments() instanceof ArgumentListExpression args) {
            parts.addAll(args.getExpressions());
        }
        List<ClassNode> types = new ArrayList<>();
        for (Expression part : parts) {
            ClassNode type = getType(part);
            if (type != null) {
                types.add(type);
            }
        }
        return types;
    }

    private static String describe(MethodNode target) {
        ClassNode owner = target instanceof ExtensionMethodNode ext
                ? ext.getExtensionMethodNode().getParameters()[0].getType() : target.getDeclaringClass();
        return owner.getNameWithoutPackage() + "." + target.getName() + "()";
    }

    @Override
    public void afterVisitClass(ClassNode node) {
        new Checker(node).visitClass(node);
    }

    /** The checks that are not method selections: properties, casts, class references, assignments. */
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
            addStaticTypeError(Messages.get("sandbox.refused", what), where);
        }

        @Override
        public void visitClassExpression(ClassExpression expression) {
            if (!expression.getType().getName().equals("java.lang.Math")) {
                refuse(Messages.get("sandbox.classReference", expression.getType().getName()), expression);
            }
            super.visitClassExpression(expression);
        }

        @Override
        public void visitPropertyExpression(PropertyExpression expression) {
            String name = expression.getPropertyAsString();
            ClassNode type = getType(expression.getObjectExpression());
            if (name == null || FORBIDDEN_NAMES.contains(name)) {
                refuse(Messages.get("sandbox.property", name), expression);
            } else if (type != null && !type.equals(scriptClass) && !SandboxAllowList.hasClass(type)
                    && !ClassHelper.isPrimitiveType(type)) {
                refuse(Messages.get("sandbox.propertiesOf", type.getNameWithoutPackage()), expression);
            } else if (type != null && !isMap(type) && !hasPublicGetter(type, name)) {
                // Static compilation reads private fields too (a builder's own lists, which the script could then change).
                refuse(Messages.get("sandbox.noGetter", name, type.getNameWithoutPackage()), expression);
            }
            super.visitPropertyExpression(expression);
        }

        @Override
        public void visitVariableExpression(VariableExpression expression) {
            if (!isLocal(expression.getAccessedVariable()) && FORBIDDEN_NAMES.contains(expression.getName())
                    && !"delegate".equals(expression.getName())) {
                refuse(Messages.get("sandbox.name", expression.getName()), expression);
            }
            super.visitVariableExpression(expression);
        }

        @Override
        public void visitBinaryExpression(BinaryExpression expression) {
            String operator = expression.getOperation().getText();
            ClassNode result = getType(expression);
            if (operator.equals("=") && !(expression instanceof DeclarationExpression)
                    && !(expression.getLeftExpression() instanceof VariableExpression v && isLocal(v.getAccessedVariable()))) {
                refuse(Messages.get("sandbox.assigning", expression.getLeftExpression().getText()), expression);
            } else if (operator.equals("[")) {
                checkSubscript(expression);
            } else if (result != null && UNBOUNDED_NUMBERS.contains(result.redirect().getName())) {
                // Arithmetic on numbers is compiled without a method selection; its result type tells.
                refuse(Messages.get("sandbox.arithmeticGiving", result.getNameWithoutPackage()),
                        expression);
            }
            super.visitBinaryExpression(expression);
        }

        /** x[i] is compiled without a method selection: only maps by any key, lists, ranges and text by number or range. */
        private void checkSubscript(BinaryExpression expression) {
            ClassNode container = getType(expression.getLeftExpression());
            ClassNode index = getType(expression.getRightExpression());
            boolean map = isMap(container);
            boolean sequence = container.implementsInterface(ClassHelper.LIST_TYPE) || container.equals(ClassHelper.LIST_TYPE)
                    || container.implementsInterface(SandboxAllowList.TEXT_TYPE) || container.equals(ClassHelper.STRING_TYPE)
                    || container.equals(ClassHelper.GSTRING_TYPE);
            ClassNode boxed = ClassHelper.getWrapper(index);
            boolean position = boxed.isDerivedFrom(ClassHelper.Number_TYPE) || SandboxAllowList.isRange(index);
            if (!map && !(sequence && position)) {
                refuse(Messages.get("sandbox.indexing", container.getNameWithoutPackage(), index.getNameWithoutPackage()), expression);
            }
        }

        private static boolean isMap(ClassNode type) {
            return type.equals(ClassHelper.MAP_TYPE) || type.implementsInterface(ClassHelper.MAP_TYPE);
        }

        private static boolean hasPublicGetter(ClassNode type, String name) {
            String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (String getter : List.of("get" + capitalised, "is" + capitalised)) {
                MethodNode method = type.getGetterMethod(getter);
                if (method != null && method.isPublic() && !method.isStatic()) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isLocal(Variable v) {
            return v != null && !(v instanceof DynamicVariable) && !(v instanceof PropertyNode) && !(v instanceof FieldNode);
        }

        @Override
        public void visitCastExpression(CastExpression expression) {
            ClassNode target = expression.getType();
            if (!CAST_TARGETS.contains(target.redirect().getName()) && !ClassHelper.isPrimitiveType(target)) {
                refuse(Messages.get("sandbox.converting", target.getNameWithoutPackage()), expression);
            }
            super.visitCastExpression(expression);
        }

        @Override
        public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
            String owner = call.getOwnerType().getName();
            if (!node.getName().equals(owner) && !owner.equals("java.lang.Math") && !owner.equals(SandboxGuard.class.getName())) {
                refuse(Messages.get("sandbox.calling", call.getOwnerType().getNameWithoutPackage() + "." + call.getMethod() + "()"), call);
            }
            super.visitStaticMethodCallExpression(call);
        }
    }
}
