package kr.sbert.workbench.core;

/**
 * A {@link WorkbenchException} that surfaced where the interface cannot declare it — e.g. a model
 * loaded only when the embedding cache first misses, inside {@code SentenceEmbedder.encode}.
 * The CLI and window edges report the cause as if it had been thrown directly (same line, same
 * exit code).
 */
public final class DeferredFailure extends RuntimeException {
    public DeferredFailure(WorkbenchException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized WorkbenchException getCause() {
        return (WorkbenchException) super.getCause();
    }
}
