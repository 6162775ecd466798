package mnistlab.data;

import mnistlab.i18n.Messages;

/** A picture handed over to be classified has no ink: nothing in it to call a digit. */
public final class NoDigitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** With the one line every interface shows. */
    public NoDigitException() {
        super(Messages.get("image.noInk"));
    }
}
