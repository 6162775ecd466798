package mnistlab.interop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pickle machine's stack, marks and memo. A malformed pickle (a pop from an empty stack, a
 * mark where a value belongs) gives an {@link IllegalStateException}, which the reader reports
 * with the byte it was at.
 */
final class PickleStack {
    /** Python's None: the stack and the memo hold no Java nulls. */
    static final Object NONE = new Object();
    private static final Object MARK = new Object();

    private final List<Object> stack = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    void mark() {
        stack.add(MARK);
    }

    void push(Object o) {
        stack.add(o);
    }

    Object pop() {
        if (stack.isEmpty()) {
            throw new IllegalStateException("a pop from an empty stack");
        }
        Object o = stack.remove(stack.size() - 1);
        if (o == MARK) {
            throw new IllegalStateException("a mark where a value belongs");
        }
        return o;
    }

    Object peek() {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw new IllegalStateException("no value on the stack");
        }
        return stack.get(stack.size() - 1);
    }

    /** The top n values as an immutable tuple. */
    List<Object> tuple(int n) {
        if (stack.size() < n) {
            throw new IllegalStateException("a tuple of " + n + " from a stack of " + stack.size());
        }
        List<Object> top = stack.subList(stack.size() - n, stack.size());
        if (top.contains(MARK)) {
            throw new IllegalStateException("a tuple over a mark");
        }
        List<Object> items = List.copyOf(top);
        top.clear();
        return items;
    }

    /** The values pushed since the last mark, which goes too. */
    List<Object> sinceMark() {
        int mark = stack.lastIndexOf(MARK);
        if (mark < 0) {
            throw new IllegalStateException("no mark on the stack");
        }
        List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return items;
    }

    void memoize(long index) {
        memo.put(index, peek());
    }

    void memoizeNext() {
        memoize(memo.size());
    }

    Object recall(long index) {
        Object o = memo.get(index);
        if (o == null) {
            throw new IllegalStateException("memo " + index + " was never stored");
        }
        return o;
    }
}
