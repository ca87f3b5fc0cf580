package io.leadrelay.ingest.intake;

/** Kafka did not acknowledge in time (or could not be reached): the lead is not known to be stored. */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
