package kr.sbert.workbench.core.hub;

import java.time.Duration;

/**
 * How often and how patiently to retry after a dropped connection: attempt {@code n} (from 1)
 * waits {@code min(firstDelay · 2^(n-1), maxDelay)}. Attempts that received bytes do not count.
 *
 * @param attempts   retries allowed in a row without progress
 * @param firstDelay wait before the first retry
 * @param maxDelay   the longest wait
 * @param stallTimeout a transfer that receives nothing for this long is dropped and retried
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay, Duration stallTimeout) {

    /** Five retries, waits of 1, 2, 4, 8, 8 s; 60 s without a byte counts as a drop. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofSeconds(60));

    public RetryPolicy {
        if (attempts < 0 || firstDelay.isNegative() || maxDelay.isNegative() || stallTimeout.isNegative()
                || stallTimeout.isZero()) {
            throw new IllegalArgumentException("retry policy: attempts=" + attempts + ", firstDelay=" + firstDelay
                    + ", maxDelay=" + maxDelay + ", stallTimeout=" + stallTimeout);
        }
    }

    /** The wait before retry number {@code n} (from 1). */
    public Duration delayBefore(int n) {
        long millis = firstDelay.toMillis() << Math.min(n - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
