package org.d2r.schemas;

/** A writer schema the reader cannot resolve; the message names the schema and the fields. */
public final class IncompatibleSchemaException extends IllegalArgumentException {
    IncompatibleSchemaException(String message) {
        super(message);
    }
}
