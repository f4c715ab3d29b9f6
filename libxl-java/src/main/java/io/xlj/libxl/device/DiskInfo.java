package io.xlj.libxl.device;

/** libxl_diskinfo as block-list prints it; -1 where the frontend has no such node. */
public record DiskInfo(int devid, int backendId, int frontendId, long state, long evtch, long rref, String backend) {
}
