package io.pmtuwatch.stream.state;

/**
 * Told each step of a {@link StoreLogRewrite} as the rewrite reaches it, on the rewrite's thread.
 * An observer that throws ends the rewrite there as a failure (the log stays as it was).
 */
interface RewriteSteps {

    /** The steps of a rewrite, in order; the log itself is whole and the image at every one of them. */
    enum Step {
        /** The new file exists, empty. */
        CREATED,
        /** The image is in the new file, without the header that makes it a batch. */
        WRITTEN,
        /** The header is written and the new file synced: one whole batch holding the image. */
        SEALED,
        /** The batches appended since the rewrite started are copied too, without holding up appends. */
        CAUGHT_UP,
        /** The new file has replaced the log (renamed over it) with the last appends; appends now go to it. */
        SWAPPED
    }

    RewriteSteps NONE = step -> {
    };

    void reached(Step step) throws Exception;
}
