package org.d2r.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Earlier released versions of each record schema, kept as resources under
 * {@code org/d2r/schemas/history/<Name>.v<k>.avsc} so that a newer reader still decodes records
 * a previous release wrote (they carry the old fingerprint). When a schema changes compatibly,
 * copy the released .avsc here before editing it.
 */
final class SchemaHistory {

    private static final int MAX_VERSIONS = 64;

    private SchemaHistory() {}

    static List<Schema> olderVersionsOf(String fullName) {
        String simple = fullName.substring(fullName.lastIndexOf('.') + 1);
        List<Schema> out = new ArrayList<>();
        for (int v = 1; v <= MAX_VERSIONS; v++) {
            String resource = "history/" + simple + ".v" + v + ".avsc";
            try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
                if (in == null) break;
                out.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema history resource " + resource, e);
            }
        }
        return out;
    }
}
