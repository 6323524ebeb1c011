package kr.sbert.workbench.core.model;

import java.util.Locale;

/** Wall time a {@link TrainingSession} spent so far, by part (for benchmarks). */
public final class StepTimings {
    long tokenizeNanos;
    long forwardNanos;
    long backwardNanos;
    long optimizerNanos;

    public double tokenizeSeconds() {
        return tokenizeNanos / 1e9;
    }

    /** The forward pass with gradients, tokenizing excluded. */
    public double forwardSeconds() {
        return forwardNanos / 1e9;
    }

    public double backwardSeconds() {
        return backwardNanos / 1e9;
    }

    /** Gradient norm, clipping and the AdamW update. */
    public double optimizerSeconds() {
        return optimizerNanos / 1e9;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "tokenize %.2f s, forward %.2f s, backward %.2f s, optimizer %.2f s",
                tokenizeSeconds(), forwardSeconds(), backwardSeconds(), optimizerSeconds());
    }
}
