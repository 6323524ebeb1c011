/**
 * Weight readers for the files the model hub ships: {@code model.safetensors} and the
 * {@code torch.save} zip ({@code pytorch_model.bin}) through an allow-listed unpickler.
 * Both refuse hostile input (unknown pickle globals, impossible sizes or offsets) before use.
 */
package kr.sbert.workbench.core.model.weights;
