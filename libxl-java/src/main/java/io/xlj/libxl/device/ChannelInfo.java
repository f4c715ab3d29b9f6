package io.xlj.libxl.device;

/**
 * libxl_device_channel plus libxl_channelinfo, as channel-list prints them: the channel's
 * index among the named consoles, -1 where the frontend has no such node, and the pty's path
 * (libxl's "/NO-SUCH-PATH" when QEMU has not written it) or null for a socket channel.
 */
public record ChannelInfo(int devid, int backendId, long state, long evtch, long rref, String connection,
                          String ptyPath) {
}
