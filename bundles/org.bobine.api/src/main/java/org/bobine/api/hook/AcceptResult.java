package org.bobine.api.hook;

/**
 * The value of PeerTube's accept hooks ({@code filter:*.accept.result}, {@code filter:*.allowed.result}): whether an
 * operation may go on and, when it may not, the message the client is given.
 *
 * <p>A filter of such a hook receives the decision so far (accepted unless an earlier filter refused) and answers
 * it unchanged, or {@link #reject(String)} to refuse. A filter that answers something other than an
 * {@code AcceptResult} is skipped.
 *
 * @param accepted whether the operation may go on
 * @param errorMessage why it may not, shown to the client; {@code null} when accepted
 */
public record AcceptResult(boolean accepted, String errorMessage) {

    private static final AcceptResult ACCEPTED = new AcceptResult(true, null);

    /** @return the decision to let the operation go on */
    public static AcceptResult accept() {
        return ACCEPTED;
    }

    /**
     * @param errorMessage why the operation is refused, shown to the client as PeerTube shows it
     * @return the decision to refuse the operation
     */
    public static AcceptResult reject(String errorMessage) {
        return new AcceptResult(false, errorMessage);
    }
}
