package io.xlj.libxl;

import io.xlj.xen.PhysInfo;
import io.xlj.xen.VersionInfo;
import java.util.BitSet;

/**
 * What {@code xl info} reports about the host beyond physinfo and the version strings
 * (libxl_get_version_info's pagesize, virt_start and build_id; the sharing counters;
 * libxl_get_freecpus).
 */
public record HostReport(PhysInfo phys, VersionInfo version, int pageSize, long virtStart, String buildId,
                         long sharingFreedPages, long sharingUsedFrames, BitSet freeCpus, String scheduler) {
}
