package kr.sbert.workbench.core.hub;

import kr.sbert.workbench.core.WorkbenchException;

/** The model hub or the network failed: unknown repo, no access, offline, disk full. */
public class HubException extends WorkbenchException {
    public HubException(String message) {
        super(message);
    }

    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
