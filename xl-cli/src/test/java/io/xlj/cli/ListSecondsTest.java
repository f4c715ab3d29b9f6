package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.xen.DomainInfo;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ListSecondsTest {

    private static DomainInfo withCpuTime(long ns) {
        return new DomainInfo(1, 0, 0, 0, 0, 0, 0, 0, ns, 1, 0, 0, new UUID(0, 0), 0, 0, 0, 0);
    }

    /** xljd's number is xl list's printed seconds read back, for random times and near halves. */
    @Test
    void secondsValueIsTheParsedPrintedSeconds() {
        // Exact twentieths: 0.05 s is 0.050000000000000002776 as a double, which the exact
        // rounding takes up to 0.1 while the product by ten rounds to 0.5 and then to even, 0.
        for (long k = 1; k < 2000; k += 2) {
            DomainInfo i = withCpuTime(50_000_000L * k);
            assertThat(ListCommand.secondsValue(i)).as("%d twentieths", k)
                    .isEqualTo(Double.parseDouble(ListCommand.seconds(i)));
        }
        Random r = new Random(20261207);
        for (int k = 0; k < 200_000; k++) {
            long ns = switch (k % 4) {
                case 0 -> r.nextLong(1L << 50);
                case 1 -> r.nextLong(1_000_000_000_000L);
                // Next to a twentieth of a second, where the rounding of x.x5 is decided.
                case 2 -> 50_000_000L * r.nextInt(1 << 20) + r.nextInt(2001) - 1000;
                default -> r.nextLong(100_000_000_000L);
            };
            DomainInfo i = withCpuTime(ns);
            assertThat(ListCommand.secondsValue(i)).as("%d ns", ns)
                    .isEqualTo(Double.parseDouble(ListCommand.seconds(i)));
        }
    }
}
