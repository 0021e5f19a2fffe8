package io.pmtuwatch.lab;

/** Building or tearing down a lab failed; the message carries the failing command's output. */
public class LabException extends RuntimeException {

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
