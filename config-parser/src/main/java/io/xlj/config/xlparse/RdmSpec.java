package io.xlj.config.xlparse;

import io.xlj.config.model.RdmReserve;
import io.xlj.config.model.RdmReservePolicy;
import io.xlj.config.model.RdmReserveStrategy;

import java.io.PrintStream;

/**
 * libxlu_pci.c's xlu_rdm_parse as Xen 4.17 ships it, bugs included: a valid policy= makes
 * the whole parse fail (so xl ignores rdm=), an invalid one is reported and skipped, and
 * on success the fields the string did not set keep xl's uninitialised stack values.
 */
final class RdmSpec {

    private RdmSpec() {
    }

    /** The parsed reservation, or null where xlu_rdm_parse returns an error (xl then ignores rdm=). */
    static RdmReserve parse(String str, PrintStream report) {
        String s = str.substring(0, XlParse.cLength(str));
        RdmReserveStrategy strategy = RdmReserveStrategy.UNINITIALISED;
        RdmReservePolicy policy = RdmReservePolicy.UNINITIALISED;
        int state = 0;
        int tok = 0;
        int ptr;
        for (ptr = 0; ptr <= s.length(); ptr++) {
            char ch = ptr < s.length() ? s.charAt(ptr) : '\0';
            switch (state) {
                case 0 -> {
                    if (ch == '=') {
                        String key = s.substring(tok, ptr);
                        if (key.equals("strategy")) {
                            state = 1;
                        } else if (key.equals("policy")) {
                            state = 2;
                        } else {
                            report.print("Unknown RDM state option: " + key);
                            return null;
                        }
                        tok = ptr + 1;
                    }
                }
                case 1 -> {
                    if (ch == '\0' || ch == ',') {
                        state = ch == ',' ? 0 : 3;
                        String val = s.substring(tok, ptr);
                        if (val.equals("host")) {
                            strategy = RdmReserveStrategy.HOST;
                        } else {
                            report.print("Unknown RDM strategy option: " + val);
                            return null;
                        }
                        tok = ptr + 1;
                    }
                }
                case 2 -> {
                    if (ch == ',' || ch == '\0') {
                        state = ch == ',' ? 0 : 3;
                        String val = s.substring(tok, ptr);
                        RdmReservePolicy p = RdmReservePolicy.fromString(val);
                        if (p != null) {
                            return null;
                        }
                        report.print("Unknown RDM policy: " + val);
                        tok = ptr + 1;
                    }
                }
                default -> { }
            }
        }
        if (tok != ptr || state != 3) {
            return null;
        }
        return new RdmReserve(strategy, policy);
    }
}
