package io.xlj.libxl.device;

/** libxl_nicinfo plus the nic's MAC, as network-list prints them; -1 where the frontend has no such node. */
public record NicInfo(int devid, int backendId, String mac, long state, long evtch, long rrefTx, long rrefRx,
                      String backend) {
}
