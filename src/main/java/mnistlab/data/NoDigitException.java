package mnistlab.data;

import mnistlab.i18n.Messages;

/** A picture handed over to be classified has no ink, or only noise: nothing in it to call a digit. */
public final class NoDigitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The picture has no ink, with the one line every interface shows. */
    public NoDigitException() {
        this(Messages.get("image.noInk"));
    }

    /**
     * @param why the one line every interface shows
     */
    public NoDigitException(String why) {
        super(why);
    }
}
