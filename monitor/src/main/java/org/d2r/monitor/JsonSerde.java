package org.d2r.monitor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The monitor's own tables, as JSON (Jackson, records as they are): what the stores hold, their changelogs carry and
 * the HTTP API serves are one form. Not the pipeline's wire format (that is Avro): these values never leave the monitor.
 */
final class JsonSerde {

    /** One mapper for the stores and the HTTP API; an unknown field (a newer monitor's changelog) is skipped, not fatal. */
    static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JsonSerde() {}

    static <T> Serde<T> of(Class<T> type) {
        Serializer<T> ser = (topic, value) -> {
            if (value == null) return null;
            try {
                return MAPPER.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + type.getSimpleName() + " as JSON", e);
            }
        };
        Deserializer<T> de = (topic, bytes) -> {
            if (bytes == null) return null;
            try {
                return MAPPER.readValue(bytes, type);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a " + type.getSimpleName() + " from the monitor's store " + topic, e);
            }
        };
        return Serdes.serdeFrom(ser, de);
    }
}
