package kr.sbert.workbench.core.model;

/**
 * Pooling modes of sentence-transformers' {@code Pooling} module, declared in the order in
 * which it concatenates them when several are on.
 */
public enum PoolingMode {
    CLS("pooling_mode_cls_token", "cls"),
    MAX("pooling_mode_max_tokens", "max"),
    MEAN("pooling_mode_mean_tokens", "mean"),
    MEAN_SQRT_LEN("pooling_mode_mean_sqrt_len_tokens", "mean_sqrt_len_tokens"),
    WEIGHTED_MEAN("pooling_mode_weightedmean_tokens", "weightedmean"),
    LAST_TOKEN("pooling_mode_lasttoken", "lasttoken");

    private final String configKey;
    private final String label;

    PoolingMode(String configKey, String label) {
        this.configKey = configKey;
        this.label = label;
    }

    /** The boolean key in {@code 1_Pooling/config.json}. */
    public String configKey() {
        return configKey;
    }

    /** The name sentence-transformers prints for the mode. */
    public String label() {
        return label;
    }
}
