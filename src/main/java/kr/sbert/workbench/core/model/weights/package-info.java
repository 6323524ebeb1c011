/**
 * Weight readers for the files the model hub ships, and a safetensors writer.
 * <ul>
 *   <li>{@link kr.sbert.workbench.core.model.weights.WeightFiles} picks the weight file of a
 *       transformer folder and reads it by content (safetensors, torch zip, legacy torch,
 *       sharded {@code *.index.json}).</li>
 *   <li>{@link kr.sbert.workbench.core.model.weights.SafetensorsReader} memory-maps
 *       {@code model.safetensors}; {@link kr.sbert.workbench.core.model.weights.SafetensorsWriter}
 *       writes files laid out as the reference implementation writes them.</li>
 *   <li>{@link kr.sbert.workbench.core.model.weights.TorchCheckpointReader} reads
 *       {@code pytorch_model.bin} through an allow-listed unpickler and maps its storages.</li>
 *   <li>{@link kr.sbert.workbench.core.model.weights.TensorConversions} turns F32/F16/BF16
 *       tensors into float32.</li>
 * </ul>
 * Readers refuse hostile input (pickle globals outside the allow-list, impossible sizes or
 * offsets, overlapping or missing data) before using any of it; every refusal is a
 * {@link kr.sbert.workbench.core.model.MalformedModelException} with one line naming the file
 * and the field or tensor.
 */
package kr.sbert.workbench.core.model.weights;
