package mnistlab.serve;

/** A request that cannot be answered: its HTTP status and one line saying why, sent as {"error": ...}. */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static HttpError notFound(String what) {
        return new HttpError(404, what);
    }

    static HttpError badRequest(String why) {
        return new HttpError(400, why);
    }
}
