package mnistlab.dsl;

import mnistlab.i18n.Messages;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.BooleanExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClosureListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.ElvisOperatorExpression;
import org.codehaus.groovy.ast.expr.EmptyExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.NamedArgumentListExpression;
import org.codehaus.groovy.ast.expr.NotExpression;
import org.codehaus.groovy.ast.expr.PostfixExpression;
import org.codehaus.groovy.ast.expr.PrefixExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.RangeExpression;
import org.codehaus.groovy.ast.expr.TernaryExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.UnaryMinusExpression;
import org.codehaus.groovy.ast.expr.UnaryPlusExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.AssertStatement;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.BreakStatement;
import org.codehaus.groovy.ast.stmt.ContinueStatement;
import org.codehaus.groovy.ast.stmt.DoWhileStatement;
import org.codehaus.groovy.ast.stmt.EmptyStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.ast.stmt.IfStatement;
import org.codehaus.groovy.ast.stmt.ReturnStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.ast.stmt.SwitchStatement;
import org.codehaus.groovy.ast.stmt.SynchronizedStatement;
import org.codehaus.groovy.ast.stmt.ThrowStatement;
import org.codehaus.groovy.ast.stmt.WhileStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The sandbox's first gate: a sandboxed script may use only the constructs listed here, checked
 * on the syntax tree right after parsing, before any phase in which AST transformations run
 * (annotations, {@code @Grab}, {@code @ASTTest} never get that far). Anything not on the lists
 * (annotations, classes, imports, try/catch, throw, switch, {@code new}, method pointers, field
 * access, Java lambdas, regular expressions, {@code **}, arbitrary-precision numbers, computed
 * names) is refused at its line and column. A script that passes gets a
 * {@link SandboxGuard#checkpoint()} at the start of every loop body, closure and method.
 */
final class SandboxSyntax extends CompilationCustomizer {
    private static final Set<Class<?>> STATEMENTS = Set.of(BlockStatement.class, ExpressionStatement.class,
            IfStatement.class, ForStatement.class, WhileStatement.class, DoWhileStatement.class, ReturnStatement.class,
            BreakStatement.class, ContinueStatement.class, EmptyStatement.class);

    private static final Set<Class<?>> EXPRESSIONS = Set.of(ConstantExpression.class, GStringExpression.class,
            VariableExpression.class, DeclarationExpression.class, BinaryExpression.class, BooleanExpression.class,
            NotExpression.class, UnaryMinusExpression.class, UnaryPlusExpression.class, PostfixExpression.class,
            PrefixExpression.class, TernaryExpression.class, ElvisOperatorExpression.class, ListExpression.class,
            MapExpression.class, MapEntryExpression.class, NamedArgumentListExpression.class, RangeExpression.class,
            ClosureExpression.class, MethodCallExpression.class, ArgumentListExpression.class, TupleExpression.class,
            PropertyExpression.class, EmptyExpression.class, CastExpression.class);

    /** Operators whose single evaluation can take unbounded time (regular expressions, big powers). */
    private static final Set<String> OPERATORS = Set.of("=~", "==~", "**", "**=");

    SandboxSyntax() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        Gate gate = new Gate(source);
        if (!classNode.isScript()) {
            gate.refuse(Messages.get("sandbox.classes", classNode.getNameWithoutPackage()), classNode);
            return;
        }
        gate.checkModule(classNode.getModule());
        gate.visitClass(classNode);
        if (!source.getErrorCollector().hasErrors()) {
            new SandboxCheckpoints(source).visitClass(classNode);
        }
    }

    private static final class Gate extends ClassCodeExpressionTransformer {
        private final SourceUnit source;

        Gate(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        void refuse(String what, ASTNode where) {
            source.getErrorCollector().addErrorAndContinue(new SyntaxErrorMessage(new SyntaxException(
                    Messages.get("sandbox.refused", what), where), source));
        }

        void checkModule(ModuleNode module) {
            if (module.getPackage() != null) {
                refuse(Messages.get("sandbox.package"), module.getPackage());
            }
            List<ImportNode> imports = new ArrayList<>(module.getImports());
            imports.addAll(module.getStaticImports().values());
            imports.addAll(module.getStaticStarImports().values());
            module.getStarImports().stream().filter(i -> !"mnistlab.dsl.".equals(i.getPackageName())).forEach(imports::add);
            for (ImportNode i : imports) {
                refuse(Messages.get("sandbox.import", i.getText()), i);
            }
        }

        /** Every annotation written in the script; those the compiler adds itself (@BaseScript, @Generated) have no position. */
        @Override
        public void visitAnnotations(AnnotatedNode node) {
            node.getAnnotations().stream().filter(a -> a.getLineNumber() > 0)
                    .forEach(a -> refuse(Messages.get("sandbox.annotation", a.getClassNode().getNameWithoutPackage()), a));
        }

        @Override
        protected void visitConstructorOrMethod(MethodNode node, boolean isConstructor) {
            if (SandboxCheckpoints.generated(node)) {
                return;
            }
            for (Parameter p : node.getParameters()) {
                visitAnnotations(p);
            }
            super.visitConstructorOrMethod(node, isConstructor);
        }

        // The transformer's own statement visits skip visitStatement: each is checked here.
        @Override
        public void visitAssertStatement(AssertStatement statement) {
            visitStatement(statement);
        }

        @Override
        public void visitSwitch(SwitchStatement statement) {
            visitStatement(statement);
        }

        @Override
        public void visitSynchronizedStatement(SynchronizedStatement statement) {
            visitStatement(statement);
        }

        @Override
        public void visitThrowStatement(ThrowStatement statement) {
            visitStatement(statement);
        }

        @Override
        public void visitForLoop(ForStatement loop) {
            if (loop.getCollectionExpression() instanceof ClosureListExpression) {
                refuse(Messages.get("sandbox.cFor"), loop);
                return;
            }
            super.visitForLoop(loop);
        }

        @Override
        protected void visitStatement(Statement statement) {
            if (!STATEMENTS.contains(statement.getClass())) {
                refuse(describe(statement.getClass().getSimpleName(), "Statement"), statement);
            }
        }

        @Override
        public Expression transform(Expression e) {
            if (e == null) {
                return null;
            }
            if (!EXPRESSIONS.contains(e.getClass())) {
                refuse(describe(e.getClass().getSimpleName(), "Expression"), e);
                return e;
            }
            if (e instanceof ClosureExpression closure) {
                for (Parameter p : closure.getParameters() == null ? new Parameter[0] : closure.getParameters()) {
                    visitAnnotations(p);
                }
                visitClosureExpression(closure);
                return closure;
            }
            if (e instanceof DeclarationExpression declaration) {
                visitAnnotations(declaration);
            }
            if (e instanceof MethodCallExpression call && call.getMethodAsString() == null) {
                refuse(Messages.get("sandbox.computedMethod"), call);
            }
            if (e instanceof PropertyExpression property && property.getPropertyAsString() == null) {
                refuse(Messages.get("sandbox.computedProperty"), property);
            }
            if (e instanceof BinaryExpression binary && OPERATORS.contains(binary.getOperation().getText())) {
                refuse(Messages.get("sandbox.operator", binary.getOperation().getText()), binary);
            }
            if (e instanceof ConstantExpression constant && constant.getValue() instanceof BigInteger) {
                refuse(Messages.get("sandbox.bigNumber", constant.getText()), constant);
            }
            if (e instanceof ConstantExpression constant && constant.getValue() instanceof BigDecimal decimal) {
                // Groovy reads 5e-4 as a BigDecimal, whose arithmetic has no bound on its cost: doubles instead.
                ConstantExpression asDouble = new ConstantExpression(decimal.doubleValue(), true);
                asDouble.setSourcePosition(constant);
                return asDouble;
            }
            return super.transform(e);
        }

        /** "TryCatchStatement" reads "try/catch"; other node names as words. */
        private static String describe(String nodeName, String suffix) {
            String name = nodeName.endsWith(suffix) ? nodeName.substring(0, nodeName.length() - suffix.length()) : nodeName;
            return switch (name) {
                case "TryCatch" -> "try/catch";
                case "ConstructorCall" -> Messages.get("sandbox.new");
                case "MethodPointer", "MethodReference" -> Messages.get("sandbox.methodPointer");
                case "Attribute" -> Messages.get("sandbox.attribute");
                case "Lambda" -> Messages.get("sandbox.lambda");
                case "Class" -> Messages.get("sandbox.classLiteral");
                default -> "'" + name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase() + "'";
            };
        }
    }
}
