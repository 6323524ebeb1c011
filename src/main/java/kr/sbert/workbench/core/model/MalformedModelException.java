package kr.sbert.workbench.core.model;

import kr.sbert.workbench.core.WorkbenchException;

/**
 * A model folder or weight file that cannot be used as it is: missing or wrongly shaped
 * tensors, an unknown module type, a hostile pickle, a corrupt header. The message names
 * the file and the field or tensor.
 */
public class MalformedModelException extends WorkbenchException {
    public MalformedModelException(String message) {
        super(message);
    }

    public MalformedModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
