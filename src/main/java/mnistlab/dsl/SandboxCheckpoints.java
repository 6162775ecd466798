package mnistlab.dsl;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.DoWhileStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.ast.stmt.WhileStatement;
import org.codehaus.groovy.control.SourceUnit;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts a {@link SandboxGuard#checkpoint()} at the start of every loop body, closure and method of
 * a sandboxed script that {@link SandboxSyntax} admitted, so its limits are checked as it runs.
 */
final class SandboxCheckpoints extends ClassCodeVisitorSupport {
    private static final ClassNode GUARD = ClassHelper.make(SandboxGuard.class);
    private final SourceUnit source;

    SandboxCheckpoints(SourceUnit source) {
        this.source = source;
    }

    /** The script class's constructors and main(), which the compiler writes; run() holds the script's own statements. */
    static boolean generated(MethodNode node) {
        return node.getLineNumber() < 1 && !node.getName().equals("run");
    }

    @Override
    protected SourceUnit getSourceUnit() {
        return source;
    }

    private static Statement guarded(Statement body, ASTNode at) {
        StaticMethodCallExpression check = new StaticMethodCallExpression(GUARD, "checkpoint",
                ArgumentListExpression.EMPTY_ARGUMENTS);
        check.setSourcePosition(at);
        ExpressionStatement statement = new ExpressionStatement(check);
        statement.setSourcePosition(at);
        BlockStatement block = body instanceof BlockStatement b ? b : new BlockStatement(new ArrayList<>(List.of(body)), null);
        block.getStatements().add(0, statement);
        return block;
    }

    @Override
    protected void visitConstructorOrMethod(MethodNode node, boolean isConstructor) {
        if (generated(node)) {
            return;
        }
        super.visitConstructorOrMethod(node, isConstructor);
        if (node.getCode() != null) {
            node.setCode(guarded(node.getCode(), node));
        }
    }

    @Override
    public void visitForLoop(ForStatement loop) {
        super.visitForLoop(loop);
        loop.setLoopBlock(guarded(loop.getLoopBlock(), loop));
    }

    @Override
    public void visitWhileLoop(WhileStatement loop) {
        super.visitWhileLoop(loop);
        loop.setLoopBlock(guarded(loop.getLoopBlock(), loop));
    }

    @Override
    public void visitDoWhileLoop(DoWhileStatement loop) {
        super.visitDoWhileLoop(loop);
        loop.setLoopBlock(guarded(loop.getLoopBlock(), loop));
    }

    @Override
    public void visitClosureExpression(ClosureExpression closure) {
        super.visitClosureExpression(closure);
        closure.setCode(guarded(closure.getCode(), closure));
    }
}
