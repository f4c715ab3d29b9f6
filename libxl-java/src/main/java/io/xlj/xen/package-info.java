/**
 * Raw and typed bindings of Xen 4.17's libxenctrl, libxenguest and libxentoollog.
 *
 * <p>Two layers:
 * <ul>
 *   <li>Raw: one JNA interface per library ({@link io.xlj.xen.XenCtrlLibrary},
 *       {@link io.xlj.xen.XenGuestLibrary}, {@link io.xlj.xen.XenToolLogLibrary}), opaque
 *       handles as {@code PointerType} ({@link io.xlj.xen.XcInterface},
 *       {@link io.xlj.xen.XcDomImage}, {@link io.xlj.xen.XentoollogLogger}) and one
 *       {@code Structure} per C struct, named exactly after it
 *       ({@link io.xlj.xen.xen_domctl_createdomain}, …).</li>
 *   <li>Typed: {@link io.xlj.xen.XenCtrl} and {@link io.xlj.xen.XenDomBuilder}, which turn
 *       return codes into {@link io.xlj.xen.XenCallException} (call, domain, errno name) and
 *       structs into records ({@link io.xlj.xen.DomainInfo}, {@link io.xlj.xen.PhysInfo},
 *       {@link io.xlj.xen.VersionInfo}, {@link io.xlj.xen.VcpuInfo}, …).</li>
 * </ul>
 *
 * <p>How it is kept honest: {@code StructLayoutTest} compares every structure, every
 * {@code xc_dom_image} offset, every constant and every errno name with a C probe compiled
 * against the installed headers; {@code SymbolTest} resolves every bound function in
 * Debian's libraries and checks which library defines it; {@code XenCtrlDom0Test} (tag
 * {@code dom0}) runs each call on real Xen and compares with Xen's own {@code xl}.
 */
package io.xlj.xen;
