package org.d2r.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether a Kafka cluster answers, asked with a bounded wait. The clients themselves wait their own timeouts (a
 * producer's metadata 60 s, a close up to minutes) before they say a broker is gone; a role deciding how to start or
 * stop asks here first.
 */
public final class BrokerCheck {
    private BrokerCheck() {}

    /** How long a stopping role waits for the broker's answer before it stops without the broker. */
    public static final Duration AT_STOP = Duration.ofSeconds(10);

    /**
     * Empty when the cluster at {@code bootstrap} lists its nodes within {@code within}; otherwise why not, in words
     * ("nothing answers at H:P within 5 s", or the client's own reason, e.g. an authentication failure).
     *
     * @param client Kafka client properties (security settings; bootstrap.servers is taken from {@code bootstrap})
     */
    public static Optional<String> problem(Map<?, ?> client, String bootstrap, Duration within) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) within.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) within.toMillis());
        Admin admin = Admin.create(props);
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) within.toMillis()))
                    .nodes().get(within.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while contacting the Kafka at " + bootstrap);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            boolean silent = cause instanceof org.apache.kafka.common.errors.TimeoutException
                    || cause instanceof java.util.concurrent.TimeoutException;
            return Optional.of(silent ? "nothing answers at " + bootstrap + " within " + within.toSeconds() + " s"
                    : "the Kafka at " + bootstrap + " cannot be used (" + rootMessage(cause) + ")");
        } finally {
            admin.close(Duration.ofSeconds(1)); // the default close would wait for calls still retrying
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
