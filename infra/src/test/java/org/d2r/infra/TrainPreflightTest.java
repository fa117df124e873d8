package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** What train checks before it starts anything, where the check needs no run (the others are in TrainCommandTest). */
class TrainPreflightTest {

    @Test
    void aHostNameThatDoesNotResolveIsOneLineNamingTheFix() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainCommand.checkHostName(() -> {
            throw new UnknownHostException("box-17: box-17: Name or service not known");
        }));
        assertTrue(e.getMessage().contains("box-17") && e.getMessage().contains("/etc/hosts"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
        assertDoesNotThrow(() -> TrainCommand.checkHostName(InetAddress::getLoopbackAddress));
    }
}
