package kr.sbert.workbench.core.train;

/**
 * sentence-transformers' {@code WarmupLinear} (transformers' {@code get_linear_schedule_with_warmup}):
 * the rate multiplier for a step after {@code s} steps were taken is s/warmup while s < warmup,
 * then max(0, (total − s)/max(1, total − warmup)). The first step (s = 0) uses rate 0.
 */
public record WarmupLinearSchedule(int totalSteps, int warmupSteps) {

    public WarmupLinearSchedule {
        if (totalSteps < 0 || warmupSteps < 0) {
            throw new IllegalArgumentException("steps must not be negative: total " + totalSteps
                    + ", warmup " + warmupSteps);
        }
    }

    /** @param stepsTaken optimizer steps taken before this one */
    public double multiplier(int stepsTaken) {
        if (stepsTaken < warmupSteps) {
            return (double) stepsTaken / Math.max(1, warmupSteps);
        }
        return Math.max(0.0, (double) (totalSteps - stepsTaken) / Math.max(1, totalSteps - warmupSteps));
    }
}
