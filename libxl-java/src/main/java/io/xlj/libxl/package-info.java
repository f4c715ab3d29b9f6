/**
 * What a domain is and how it is built and destroyed: the {@link io.xlj.libxl.Toolstack}
 * facade over libxenctrl/libxenguest ({@code io.xlj.xen}) and xenstore
 * ({@code io.xlj.xenstore}), leaving the xenstore layout and the userdata file exactly as
 * libxl 4.17 does, so that Xen's own {@code xl} and xenconsoled work on our domains and
 * we work on theirs.
 */
package io.xlj.libxl;
