package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.xlj.rpc.JsonRpc;
import io.xlj.rpc.RpcClient;
import io.xlj.rpc.RpcException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** xljd's connection limit: one client too many is told so, and the others go on. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XljdLimitsTest {

    @TempDir
    Path dir;

    @Test
    void clientsBeyondTheLimitAreRefusedCleanly() throws Exception {
        Path sock = dir.resolve("xljd.sock");
        try (DaemonProcess d = DaemonProcess.start(dir, "limited", List.of(), List.of(),
                List.of(DaemonProcess.FAKE_BACKEND, "--socket=" + sock, "--max-connections=2"), sock);
                // The daemon notices a client's end asynchronously (the start-up probe's too):
                // each of these waits for a free slot.
                RpcClient a = connectWhenSlotFree(sock);
                RpcClient b = connectWhenSlotFree(sock)) {
            try (RpcClient third = RpcClient.connect(sock)) {
                RpcException e = catchThrowableOfType(RpcException.class, () -> third.call("version", null));
                assertThat(e.code()).isEqualTo(JsonRpc.TOO_MANY_CONNECTIONS);
                assertThat(e.getMessage()).contains("limit 2");
            }
            assertThat(a.call("list", null).get(0).get("name").asText()).isEqualTo("Domain-0");
            b.close();
            try (RpcClient again = connectWhenSlotFree(sock)) {
                assertThat(again.call("domid", again.params().put("name", "Domain-0")).get("domid").asInt()).isZero();
            }
        }
    }

    private static RpcClient connectWhenSlotFree(Path sock) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            RpcClient c = RpcClient.connect(sock);
            try {
                assertThat(c.call("version", null).get("protocol").asInt()).isEqualTo(1);
                return c;
            } catch (RpcException e) {
                c.close();
                assertThat(e.code()).isEqualTo(JsonRpc.TOO_MANY_CONNECTIONS);
                assertThat(System.nanoTime()).as("no slot freed").isLessThan(end);
                Thread.sleep(20);
            }
        }
    }
}
