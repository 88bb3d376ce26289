package dev.rnnlab.reports;

/** The directory given is not something a report can be made from; the message says why. */
public final class ReportException extends Exception {

    public ReportException(String message) {
        super(message);
    }
}
