package kr.sbert.workbench.core.train;

/**
 * A loss over a batch of sentence pairs, computed from the two columns' embeddings, with its
 * gradient with respect to every embedding (what back-propagation into the encoder starts from).
 */
public interface PairLoss {

    /**
     * @param u      first sentences' embeddings, one row per pair
     * @param v      second sentences' embeddings
     * @param labels gold per pair, scaled to 0–1
     */
    LossValue evaluate(float[][] u, float[][] v, double[] labels);

    /**
     * A loss and its gradients.
     *
     * @param loss  the batch's loss
     * @param gradU ∂loss/∂u, same shape as u
     * @param gradV ∂loss/∂v
     */
    record LossValue(double loss, float[][] gradU, float[][] gradV) {
    }
}
