package org.d2r.schemas;

/** A record whose writer fingerprint matches no schema version this reader knows. */
public final class UnknownSchemaException extends MalformedRecordException {
    UnknownSchemaException(String message) {
        super(message);
    }
}
