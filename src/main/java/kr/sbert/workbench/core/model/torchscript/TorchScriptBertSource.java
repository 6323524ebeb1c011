package kr.sbert.workbench.core.model.torchscript;

import java.util.Locale;
import kr.sbert.workbench.core.model.BertConfig;

/**
 * The TorchScript source of HF {@code BertModel.forward} (and RoBERTa's / XLM-R's) in eval mode,
 * as the ops a {@code torch.jit.trace} records: {@code torch.<aten op>} calls with the config's
 * sizes, eps and scale baked in as literals (a trace bakes them too), the layers unrolled. Tensor
 * attributes are named as {@link TorchScriptBert#attribute(String)} makes them.
 */
final class TorchScriptBertSource {
    private final BertConfig config;
    private final StringBuilder s = new StringBuilder();

    private TorchScriptBertSource(BertConfig config) {
        this.config = config;
    }

    /** {@code def forward(self, input_ids: Tensor, attention_mask: Tensor) -> Tensor:} and its body. */
    static String forward(BertConfig config) {
        return new TorchScriptBertSource(config).build();
    }

    private String build() {
        s.append("def forward(self, input_ids: Tensor, attention_mask: Tensor) -> Tensor:\n");
        line("batch_size = torch.size(input_ids, 0)");
        line("seq_length = torch.size(input_ids, 1)");
        // get_extended_attention_mask: mask[:, None, None, :].to(float32); (1.0 - m) * finfo.min
        line("mask = torch.unsqueeze(torch.unsqueeze(attention_mask, 1), 2)");
        line("mask = torch.to(mask, 6, False, False, None)");
        line("extended_attention_mask = torch.mul(torch.rsub(mask, 1.0), " + number(-Float.MAX_VALUE) + ")");
        // BertModel: token_type_ids = self.embeddings.token_type_ids[:, :L].expand(B, L)
        line("token_type_ids = torch.expand(torch.slice(self.embeddings_token_type_ids, 1, 0, seq_length), "
                + "[batch_size, seq_length])");
        int wordPadding;
        int positionPadding;
        if (config.family().positionsFromPadding()) {
            int pad = config.padTokenId();
            // create_position_ids_from_input_ids: mask = ids.ne(pad).int();
            // ((cumsum(mask, 1).type_as(mask) + 0) * mask).long() + pad
            line("pad_mask = torch.to(torch.ne(input_ids, " + pad + "), 3, False, False, None)");
            line("incremental = torch.mul(torch.add(torch.type_as(torch.cumsum(pad_mask, 1), pad_mask), 0), pad_mask)");
            line("position_ids = torch.add(torch.to(incremental, 4, False, False, None), " + pad + ")");
            wordPadding = pad;
            positionPadding = pad;
        } else {
            // self.position_ids[:, 0:L]
            line("position_ids = torch.slice(self.embeddings_position_ids, 1, 0, seq_length)");
            wordPadding = config.padTokenId();
            positionPadding = -1;
        }
        line("inputs_embeds = torch.embedding(self." + attr("embeddings.word_embeddings.weight") + ", input_ids, "
                + wordPadding + ", False, False)");
        line("token_type_embeddings = torch.embedding(self." + attr("embeddings.token_type_embeddings.weight")
                + ", token_type_ids, -1, False, False)");
        line("embeddings = torch.add(inputs_embeds, token_type_embeddings)");
        line("position_embeddings = torch.embedding(self." + attr("embeddings.position_embeddings.weight")
                + ", position_ids, " + positionPadding + ", False, False)");
        line("embeddings = torch.add(embeddings, position_embeddings)");
        line("hidden_states = " + dropout(layerNorm("embeddings", "embeddings.LayerNorm")));
        for (int i = 0; i < config.layers(); i++) {
            layer("encoder.layer." + i + ".");
        }
        line("return hidden_states");
        return s.toString();
    }

    /** BertLayer: BertAttention (self + output), BertIntermediate, BertOutput. */
    private void layer(String p) {
        String a = p + "attention.self.";
        String heads = "[batch_size, seq_length, " + config.heads() + ", " + config.headSize() + "]";
        line("mixed_query_layer = " + linear("hidden_states", a + "query"));
        line("key_layer = torch.permute(torch.view(" + linear("hidden_states", a + "key") + ", " + heads
                + "), [0, 2, 1, 3])");
        line("value_layer = torch.permute(torch.view(" + linear("hidden_states", a + "value") + ", " + heads
                + "), [0, 2, 1, 3])");
        line("query_layer = torch.permute(torch.view(mixed_query_layer, " + heads + "), [0, 2, 1, 3])");
        line("attention_scores = torch.matmul(query_layer, torch.transpose(key_layer, -1, -2))");
        line("attention_scores = torch.div(attention_scores, " + number(Math.sqrt(config.headSize())) + ")");
        line("attention_scores = torch.add(attention_scores, extended_attention_mask)");
        line("attention_probs = " + dropout("torch.softmax(attention_scores, -1)"));
        line("context_layer = torch.matmul(attention_probs, value_layer)");
        line("context_layer = torch.contiguous(torch.permute(context_layer, [0, 2, 1, 3]))");
        line("context_layer = torch.view(context_layer, [batch_size, seq_length, " + config.hiddenSize() + "])");
        line("attention_dense = " + dropout(linear("context_layer", p + "attention.output.dense")));
        line("attention_output = " + layerNorm("torch.add(attention_dense, hidden_states)",
                p + "attention.output.LayerNorm"));
        line("intermediate_output = " + activation(linear("attention_output", p + "intermediate.dense")));
        line("layer_dense = " + dropout(linear("intermediate_output", p + "output.dense")));
        line("hidden_states = " + layerNorm("torch.add(layer_dense, attention_output)", p + "output.LayerNorm"));
    }

    private String activation(String x) {
        return switch (config.activation()) {
            case GELU -> "torch.gelu(" + x + ")";
            case RELU -> "torch.relu(" + x + ")";
            // NewGELUActivation: 0.5 * x * (1.0 + tanh(sqrt(2 / pi) * (x + 0.044715 * pow(x, 3.0))));
            // written over a named input so the linear runs once
            case GELU_TANH -> geluTanh(x);
        };
    }

    private String geluTanh(String x) {
        line("gelu_input = " + x);
        line("gelu_inner = torch.mul(torch.add(gelu_input, torch.mul(torch.pow(gelu_input, 3.0), 0.044715)), "
                + number(Math.sqrt(2.0 / Math.PI)) + ")");
        return "torch.mul(torch.mul(gelu_input, 0.5), torch.add(torch.tanh(gelu_inner), 1.0))";
    }

    private String linear(String x, String module) {
        return "torch.linear(" + x + ", self." + attr(module + ".weight") + ", self." + attr(module + ".bias") + ")";
    }

    private String layerNorm(String x, String module) {
        return "torch.layer_norm(" + x + ", [" + config.hiddenSize() + "], self." + attr(module + ".weight")
                + ", self." + attr(module + ".bias") + ", " + number(config.layerNormEps()) + ", True)";
    }

    private static String dropout(String x) {
        return "torch.dropout(" + x + ", " + number(0.1) + ", False)";
    }

    private static String attr(String hfName) {
        return TorchScriptBert.attribute(hfName);
    }

    /** A double literal TorchScript's lexer reads back exactly (Java's shortest round-trip form). */
    static String number(double value) {
        return Double.toString(value).toLowerCase(Locale.ROOT);
    }

    private void line(String statement) {
        s.append("  ").append(statement).append('\n');
    }
}
