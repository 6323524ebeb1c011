package kr.sbert.workbench.core.train;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * {@code fit()}'s two AdamW parameter groups: no weight decay for a parameter whose name contains
 * {@code bias}, {@code LayerNorm.bias} or {@code LayerNorm.weight}; the given decay for all others.
 */
public record WeightDecayGroups(double weightDecay) implements ToDoubleFunction<String> {
    private static final List<String> NO_DECAY = List.of("bias", "LayerNorm.bias", "LayerNorm.weight");

    @Override
    public double applyAsDouble(String parameterName) {
        return NO_DECAY.stream().anyMatch(parameterName::contains) ? 0.0 : weightDecay;
    }
}
