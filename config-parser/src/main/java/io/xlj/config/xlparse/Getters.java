package io.xlj.config.xlparse;

import io.xlj.config.Lookup;
import io.xlj.config.XlConfig;
import io.xlj.config.model.Defbool;

/** The shapes xl_parse.c uses the libxlu getters in, each one call with warnings on. */
final class Getters {

    private Getters() {
    }

    /** {@code xlu_cfg_get_defbool(cfg, key, &field, 0)}: the new value, or the old one. */
    static Defbool defbool(XlConfig config, String key, Defbool current) {
        Lookup<Boolean> l = config.getDefbool(key, false);
        return l.ok() ? Defbool.of(l.value()) : current;
    }

    /** {@code if (!xlu_cfg_get_long(cfg, key, &l, 0)) field = l;} for a C int field. */
    static int intOr(XlConfig config, String key, int current) {
        Lookup<Long> l = config.getLong(key, false);
        return l.ok() ? (int) (long) l.value() : current;
    }
}
