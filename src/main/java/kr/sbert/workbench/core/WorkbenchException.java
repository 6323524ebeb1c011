package kr.sbert.workbench.core;

/**
 * Base of the workbench's checked exceptions. The message is one line a user can act on:
 * it names the file, line, field or tensor at fault. The CLI prints it without a stack trace.
 */
public class WorkbenchException extends Exception {
    public WorkbenchException(String message) {
        super(message);
    }

    public WorkbenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
