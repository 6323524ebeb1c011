package kr.sbert.workbench.core.model.weights;

/**
 * A storage named by a checkpoint's pickle through its persistent id
 * {@code ('storage', torch.XStorage, key, location, numel)}.
 *
 * @param key   the storage's key: the zip entry {@code <folder>/data/<key>} (or the legacy key)
 * @param dtype element type from the storage class
 * @param numel number of elements the storage holds
 */
record TorchStorageRef(String key, TensorDType dtype, long numel) {
}
