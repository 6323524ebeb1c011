package kr.sbert.workbench.core;

/** A user's input file or value that cannot be used; the message names the file, line or field. */
public class InvalidInputException extends WorkbenchException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
