package mnistlab.cli;

/** The exit codes every bin/ command uses, in one place (docs and README list them). */
final class ExitCodes {
    /** A runtime failure: data, a run folder or the engine could not do what was asked. */
    static final int RUNTIME_ERROR = 1;
    /** Bad input: a script, an option, a picture or another file the user gave. */
    static final int BAD_INPUT = 2;
    /** Interrupted (Ctrl-C); a training's last checkpoint stays. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
