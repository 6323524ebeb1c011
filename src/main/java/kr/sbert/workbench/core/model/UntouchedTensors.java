package kr.sbert.workbench.core.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.sbert.workbench.core.model.weights.RawTensor;

/**
 * The checkpoint tensors a sentence-transformers model saves but training never changes: the
 * pooler ({@code pooler.dense.*}, which mean pooling does not use and so gets no gradient) and
 * the {@code position_ids} buffer older checkpoints store. Copied to the heap under HF's names so
 * they outlive the weight file's mapping.
 */
final class UntouchedTensors {

    private UntouchedTensors() {
    }

    static Map<String, RawTensor> of(Map<String, RawTensor> checkpoint) {
        Map<String, RawTensor> kept = new LinkedHashMap<>();
        for (RawTensor t : checkpoint.values()) {
            String name = BertWeights.canonicalName(t.name());
            if (name.startsWith("pooler.") || name.equals("embeddings.position_ids")) {
                ByteBuffer copy = ByteBuffer.allocate(t.data().limit()).order(ByteOrder.LITTLE_ENDIAN);
                copy.put(t.data().duplicate().clear()).flip();
                kept.putIfAbsent(name, new RawTensor(name, t.dtype(), t.shape(), copy));
            }
        }
        return kept;
    }
}
