package io.xlj.config.spec;

import io.xlj.config.model.DeviceNic;
import java.util.regex.Pattern;

/**
 * The vif {@code rate=} value (libxlutil's xlu_vif_parse_rate, libxlu_vif.c): a rate in
 * bits or bytes per second with an optional K/M/G (powers of 1000) and an optional
 * replenishment interval after '@' in s, ms or us (default 50ms).
 */
public final class VifRateParser {

    private static final Pattern BYTES_PER_SEC = Pattern.compile("[0-9]+[GMK]?[Bb]/s");
    private static final Pattern INTERVAL_USECS = Pattern.compile("[0-9]+[mu]?s?");
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private VifRateParser() {
    }

    /**
     * Parses {@code rate} into the nic's rate fields, or prints libxlutil's message and
     * throws (xl exits with EXIT_FAILURE on every rate error).
     */
    public static void parse(String configSource, String rate, DeviceNic.Builder nic,
                             Diagnostics diag) {
        int at = rate.indexOf('@');
        String bytes = at < 0 ? rate : rate.substring(0, at);
        String interval = at < 0 ? null : rate.substring(at + 1);
        if (bytes.isEmpty()) {
            throw fail(diag, configSource, "no rate specified", rate);
        }
        long bytesPerSec = bytesPerSec(configSource, bytes, diag);
        long intervalUsecs = 50_000;
        if (interval != null) {
            intervalUsecs = intervalUsecs(configSource, interval, diag);
        }
        if (intervalUsecs != 0
                && Long.compareUnsigned(bytesPerSec, Long.divideUnsigned(-1L, intervalUsecs)) > 0) {
            throw fail(diag, configSource, "rate overflow", rate);
        }
        nic.rateIntervalUsecs = intervalUsecs;
        nic.rateBytesPerInterval = Long.divideUnsigned(bytesPerSec * intervalUsecs, 1_000_000L);
    }

    private static long bytesPerSec(String src, String bytes, Diagnostics diag) {
        if (!BYTES_PER_SEC.matcher(bytes).matches()) {
            throw fail(diag, src, "invalid rate", bytes);
        }
        CNumbers.Result r = CNumbers.strtoul(bytes, 0);
        long tmp = r.value();
        if (tmp == 0 || Long.compareUnsigned(tmp, UINT32_MAX) > 0 || r.erange()) {
            throw fail(diag, src, "rate overflow", bytes);
        }
        int p = r.end();
        char unit = bytes.charAt(p);
        if (unit == 'G') {
            tmp *= 1000L * 1000 * 1000;
        } else if (unit == 'M') {
            tmp *= 1000L * 1000;
        } else if (unit == 'K') {
            tmp *= 1000L;
        }
        if (unit == 'b' || bytes.charAt(p + 1) == 'b') {
            tmp = Long.divideUnsigned(tmp, 8);
        }
        return tmp;
    }

    private static long intervalUsecs(String src, String interval, Diagnostics diag) {
        if (!INTERVAL_USECS.matcher(interval).matches()) {
            throw fail(diag, src, "invalid replenishment interval", interval);
        }
        CNumbers.Result r = CNumbers.strtoul(interval, 0);
        long tmp = r.value();
        if (tmp == 0 || Long.compareUnsigned(tmp, UINT32_MAX) > 0 || r.erange()) {
            throw fail(diag, src, "replenishment interval overflow", interval);
        }
        int p = r.end();
        char unit = p < interval.length() ? interval.charAt(p) : '\0';
        if (unit == 's' || unit == '\0') {
            tmp *= 1000L * 1000;
        } else if (unit == 'm') {
            tmp *= 1000L;
        }
        if (tmp > UINT32_MAX) {
            throw fail(diag, src, "replenishment interval overflow", interval);
        }
        return tmp;
    }

    private static SpecException fail(Diagnostics diag, String src, String msg, String what) {
        diag.print(src + ": config parsing error in vif: " + msg + " in `" + what + "'\n");
        return new SpecException(msg + " in `" + what + "'");
    }
}
