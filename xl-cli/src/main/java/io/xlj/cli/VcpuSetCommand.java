package io.xlj.cli;

import io.xlj.config.spec.CNumbers;
import io.xlj.libxl.LibxlError;
import io.xlj.libxl.Toolstack;
import io.xlj.xen.DomainInfo;
import java.util.Optional;

/** {@code xl vcpu-set [-i|--ignore-host] <Domain> <vCPUs>} (xl_vcpu.c main_vcpuset / vcpuset). */
final class VcpuSetCommand implements XlCommand {

    private static final Getopt.LongOpt[] LONGOPTS = {
        new Getopt.LongOpt("ignore-host", Getopt.LongOpt.NO_ARGUMENT, 'i'),
        CommandOptions.HELP,
    };

    @Override
    public int run(XlContext ctx, String[] args) {
        boolean checkHost = true;
        CommandOptions o = ctx.options(args, "i", LONGOPTS, "vcpu-set", 2);
        for (int opt; (opt = o.next()) != -1; ) {
            if (opt == 'i') {
                checkHost = false;
            }
        }
        String[] rest = o.remaining();
        try (Toolstack ts = XenHost.open(ctx)) {
            int domid = XenHost.findDomain(ctx, ts, rest[0]);
            String nr = rest[1];
            CNumbers.Result r = CNumbers.strtoul(nr, 10);
            if (r.end() == 0 || Long.compareUnsigned(r.value(), Integer.MAX_VALUE) > 0 || r.erange()) {
                ctx.err().print("Error: Invalid argument.\n");
                return 1;
            }
            int count = (int) r.value();
            if (checkHost) {
                int hostCpus = ts.xenCtrl().maxCpus();
                Optional<DomainInfo> info = ts.infoIfExists(domid);
                if (info.isEmpty()) {
                    return 1;
                }
                if (count > info.get().onlineVcpus() && count > hostCpus) {
                    ctx.err().print("You are overcommmitting! You have " + hostCpus + " physical CPUs and want "
                            + count + " vCPUs! Aborting, use --ignore-host to continue\n");
                    return 1;
                }
            }
            try {
                ts.setVcpusOnline(domid, count);
            } catch (LibxlError e) {
                LibxlErrors.print(ctx, e);
                if (e.rc() == LibxlError.ERROR_DOMAIN_NOTFOUND) {
                    ctx.err().print("Domain " + Integer.toUnsignedString(domid) + " does not exist.\n");
                } else {
                    ctx.err().print("libxl_set_vcpuonline failed domid=" + Integer.toUnsignedString(domid)
                            + " max_vcpus=" + count + ", rc: " + e.rc() + "\n");
                }
                return 1;
            }
        }
        return 0;
    }
}
