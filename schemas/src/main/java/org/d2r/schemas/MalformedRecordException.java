package org.d2r.schemas;

/**
 * Bytes that cannot be turned into the expected record. Jobs route such records to the
 * dead-letter topic with {@link #getMessage()} as the reason instead of failing.
 */
public class MalformedRecordException extends RuntimeException {
    MalformedRecordException(String message) {
        super(message);
    }
}
