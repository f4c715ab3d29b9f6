/**
 * A pure-Java xenstore client for Xen 4.17: the wire protocol of {@code xs_wire.h} over
 * xenstored's Unix socket or {@code /dev/xen/xenbus}.
 *
 * <ul>
 *   <li>{@link io.xlj.xenstore.XenstoreClient}: one connection shared by many threads,
 *       requests pipelined and matched by req_id, watches, domain operations.</li>
 *   <li>{@link io.xlj.xenstore.XenstoreOps}: node operations, implemented by the client
 *       and by {@link io.xlj.xenstore.Transaction}, so setup code is written once.</li>
 *   <li>{@link io.xlj.xenstore.Batch}: many requests written in one go.</li>
 *   <li>{@link io.xlj.xenstore.XenstoreException}: the one error type, carrying the
 *       errno name, the operation and the path.</li>
 * </ul>
 *
 * <p>Both Debian daemons are supported; where they differ (oxenstored: sorted listings,
 * no DIRECTORY_PART, replies over 4096 bytes, EIO for unknown transactions, 2048-byte
 * value quota for dom0) the client handles either.
 */
package io.xlj.xenstore;
