/**
 * xl.cfg(5) text as libxlutil 4.17 reads it.
 *
 * <ul>
 *   <li>{@link io.xlj.config.XlConfig}: XLU_Config. {@code readData(bytes)} parses (0 or an errno,
 *       libxlutil's messages on the report stream); the {@code get*} methods are the
 *       {@code xlu_cfg_get_*} getters, returning {@link io.xlj.config.Lookup} (C's return code
 *       plus the value) and printing libxlutil's warnings unless {@code dontWarn}.</li>
 *   <li>{@link io.xlj.config.ConfigValue}: string or list values with libxlutil's positions.</li>
 *   <li>{@link io.xlj.config.CNumbers}: glibc strtol/strtoul (base 0: 0x hex, 0 octal).</li>
 *   <li>{@link io.xlj.config.GlobalConfig}: /etc/xen/xl.conf as xl's parse_global_config.</li>
 *   <li>{@link io.xlj.config.Errno}: errno numbers and glibc's strerror texts.</li>
 * </ul>
 *
 * All text is ISO-8859-1 (one char per byte), so every input byte survives to the output.
 * The lexer and parser are proven against Debian's libxlutil by the tests (cfgprobe).
 */
package io.xlj.config;
