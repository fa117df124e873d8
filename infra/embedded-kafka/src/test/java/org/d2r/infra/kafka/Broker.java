package org.d2r.infra.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded KRaft broker for a test class, started before its first test and stopped after its
 * last: {@code @RegisterExtension static final Broker kafka = new Broker();}. Shared through this module's test jar
 * by the replay job's and the learner's tests.
 */
public final class Broker implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = EmbeddedKafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    /** An admin client for the broker; the caller closes it. */
    public Admin admin() {
        return running().admin();
    }

    private EmbeddedKafka running() {
        if (kafka == null) {
            throw new IllegalStateException("the broker runs only while a test class that registers it runs");
        }
        return kafka;
    }
}
