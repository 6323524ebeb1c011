package kr.sbert.workbench.core.model.weights;

/**
 * What {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)} would build:
 * a strided view of a storage, in elements.
 */
record TorchTensorRecipe(TorchStorageRef storage, long offset, long[] size, long[] stride) {
}
