package io.xlj.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses xl.cfg text into an {@link XlConfig}, reproducing libxlutil 4.17
 * (libxlu_cfg_y.y driven by bison's yacc skeleton, libxlu_cfg.c actions):
 * the same LALR automaton ({@link CfgTables}) with the same default reductions
 * and error recovery, so the same errors are reported with the same expected
 * tokens, line numbers and suppression rules, and the same settings are kept.
 */
final class CfgParser implements CfgLexer.Actions {

    private static final String[] TOKEN_NAMES = {
        "$end", "error", "$undefined", "IDENT", "STRING", "NUMBER", "NEWLINE",
        "+=", "'='", "';'", "'['", "']'", "','",
    };
    private static final int EMPTY = -2;
    private static final int TERROR = 1;

    private final XlConfig cfg;
    private final CfgLexer lexer;
    private int err;
    private int lexErrLine = -1;
    private boolean likelyPython;

    private CfgParser(XlConfig cfg, String text) {
        this.cfg = cfg;
        this.lexer = new CfgLexer(text, this);
    }

    /** Parses {@code text} (bytes as ISO-8859-1 chars) into {@code cfg}; returns 0 or an errno. */
    static int parse(XlConfig cfg, String text) {
        CfgParser p = new CfgParser(cfg, text);
        p.run();
        if (p.err != 0 && p.likelyPython) {
            cfg.report("warning: Config file looks like it contains Python code.\n"
                    + "warning:  Arbitrary Python is no longer supported.\n"
                    + "warning:  See https://wiki.xen.org/wiki/PythonInXlConfig\n");
        }
        return p.err;
    }

    // ---- the bison yacc.c skeleton, with libxlu_cfg_y.y's actions ----

    private void run() {
        int[] states = new int[64];
        Object[] values = new Object[64];
        int[] lines = new int[64];
        int sp = 0;
        states[0] = 0;
        int state = 0;
        int yychar = EMPTY;
        int tokenLine = 1;       // yylloc.first_line of the lookahead
        Object tokenValue = null;
        int errStatus = 0;

        for (;;) {
            if (state == CfgTables.FINAL) return;
            int rule;
            int yyn = CfgTables.PACT[state];
            boolean reduce;
            if (yyn == CfgTables.PACT_NINF) {
                reduce = true;
            } else {
                if (yychar == EMPTY) {
                    yychar = lexer.next();
                    tokenLine = lexer.tokenLine;
                    tokenValue = lexer.tokenValue;
                }
                int tok = yychar;
                yyn += tok;
                if (yyn < 0 || yyn > CfgTables.LAST || CfgTables.CHECK[yyn] != tok) {
                    reduce = true;
                } else {
                    yyn = CfgTables.TABLE[yyn];
                    if (yyn <= 0) {
                        rule = -yyn;
                        // yytable_value_is_error is always false for this grammar.
                        sp = reduce(rule, states, values, lines, sp, tokenLine);
                        state = states[sp];
                        continue;
                    }
                    if (errStatus > 0) errStatus--;
                    sp++;
                    if (sp >= states.length) {
                        states = java.util.Arrays.copyOf(states, sp * 2);
                        values = java.util.Arrays.copyOf(values, sp * 2);
                        lines = java.util.Arrays.copyOf(lines, sp * 2);
                    }
                    states[sp] = yyn;
                    values[sp] = tokenValue;
                    lines[sp] = tokenLine;
                    state = yyn;
                    yychar = EMPTY;
                    continue;
                }
            }
            // yydefault
            rule = CfgTables.DEFACT[state];
            if (rule != 0) {
                sp = reduce(rule, states, values, lines, sp, tokenLine);
                state = states[sp];
                continue;
            }
            // yyerrlab
            if (errStatus == 0) {
                syntaxError(yychar, state, tokenLine);
            }
            if (errStatus == 3) {
                if (yychar == CfgLexer.EOF) return; // YYABORT
                if (yychar != EMPTY) yychar = EMPTY;
            }
            errStatus = 3;
            for (;;) {
                yyn = CfgTables.PACT[state];
                if (yyn != CfgTables.PACT_NINF) {
                    yyn += TERROR;
                    if (yyn >= 0 && yyn <= CfgTables.LAST && CfgTables.CHECK[yyn] == TERROR) {
                        yyn = CfgTables.TABLE[yyn];
                        if (yyn > 0) break;
                    }
                }
                if (sp == 0) return; // YYABORT
                sp--;
                state = states[sp];
            }
            sp++;
            if (sp >= states.length) {
                states = java.util.Arrays.copyOf(states, sp * 2);
                values = java.util.Arrays.copyOf(values, sp * 2);
                lines = java.util.Arrays.copyOf(lines, sp * 2);
            }
            states[sp] = yyn;
            values[sp] = null;
            lines[sp] = 1;
            state = yyn;
        }
    }

    /** Runs rule {@code rule}'s action, pops its right-hand side and pushes the goto state. */
    private int reduce(int rule, int[] states, Object[] values, int[] lines, int sp, int lookaheadLine) {
        int len = CfgTables.R2[rule];
        int base = sp - len; // values[base + 1 .. sp] are $1..$len
        Object result = len > 0 ? values[base + 1] : null;
        // Only first_line is ever set by the scanner; last_line stays 1, which
        // is what empty rules inherit (YYLLOC_DEFAULT).
        int line = len > 0 ? lines[base + 1] : 1;
        switch (rule) {
            case 9 -> store((String) values[base + 1], Setting.Op.ASSIGN, values[base + 3], lines[base + 3]);
            case 10 -> store((String) values[base + 1], Setting.Op.ADD, values[base + 3], lines[base + 3]);
            case 13 -> result = err != 0 ? null : new ConfigValue.StringValue((String) values[base + 1], lines[base + 1], 0);
            case 14 -> result = values[base + 3];
            case 17 -> result = err != 0 ? null : new ListBuilder(null, lookaheadLine);
            case 20 -> result = err != 0 ? null : new ListBuilder(values[base + 1], lines[base + 1]);
            case 21 -> {
                if (err == 0) ((ListBuilder) values[base + 1]).items.add(toValue(values[base + 4]));
            }
            default -> { }
        }
        sp = base;
        int lhs = CfgTables.R1[rule] - CfgTables.NTOKENS;
        int prev = states[sp];
        int g = CfgTables.PGOTO[lhs] + prev;
        int next = (g >= 0 && g <= CfgTables.LAST && CfgTables.CHECK[g] == prev)
                ? CfgTables.TABLE[g] : CfgTables.DEFGOTO[lhs];
        sp++;
        states[sp] = next;
        values[sp] = result;
        lines[sp] = line;
        return sp;
    }

    /** A list under construction; turned into an immutable ListValue when stored or nested. */
    private static final class ListBuilder {
        final List<ConfigValue> items = new ArrayList<>(4);
        final int line;

        ListBuilder(Object first, int line) {
            if (first != null) items.add(toValue(first));
            this.line = line;
        }
    }

    private static ConfigValue toValue(Object o) {
        if (o instanceof ListBuilder b) return new ConfigValue.ListValue(b.items, b.line, 0);
        return (ConfigValue) o;
    }

    private void store(String name, Setting.Op op, Object rawValue, int line) {
        if (err != 0 || name == null || rawValue == null) return;
        ConfigValue value = toValue(rawValue);
        if (op == Setting.Op.ADD) {
            Setting prev = cfg.find(name);
            if (prev != null) {
                ConfigValue pv = prev.value();
                if (pv instanceof ConfigValue.StringValue ps && value instanceof ConfigValue.StringValue s) {
                    value = new ConfigValue.StringValue(ps.text() + s.text(), s.line(), s.column());
                } else if (pv instanceof ConfigValue.ListValue pl && value instanceof ConfigValue.ListValue l) {
                    List<ConfigValue> all = new ArrayList<>(pl.size() + l.size());
                    all.addAll(pl.items());
                    all.addAll(l.items());
                    value = new ConfigValue.ListValue(all, l.line(), l.column());
                } else {
                    lexicalError("can't add [list] to \"string\" or vice versa");
                    err = Errno.EINVAL;
                    return;
                }
            }
        }
        cfg.add(new Setting(name, value, op, line));
    }

    // ---- errors (xlu__cfg_yyerror, xlu__cfgl_lexicalerror) ----

    private void syntaxError(int yychar, int state, int tokenLine) {
        StringBuilder msg = new StringBuilder("syntax error");
        if (yychar != EMPTY) {
            msg.append(", unexpected ").append(TOKEN_NAMES[yychar]);
            List<String> expected = new ArrayList<>(4);
            int yyn = CfgTables.PACT[state];
            boolean tooMany = false;
            if (yyn != CfgTables.PACT_NINF) {
                int xbegin = yyn < 0 ? -yyn : 0;
                int checklim = CfgTables.LAST - yyn + 1;
                int xend = Math.min(checklim, CfgTables.NTOKENS);
                for (int x = xbegin; x < xend; x++) {
                    if (CfgTables.CHECK[x + yyn] == x && x != TERROR) {
                        if (expected.size() == 4) {
                            tooMany = true;
                            break;
                        }
                        expected.add(TOKEN_NAMES[x]);
                    }
                }
            }
            if (!tooMany && !expected.isEmpty()) {
                msg.append(", expecting ").append(String.join(" or ", expected));
            }
        }
        yyerror(tokenLine, msg.toString());
    }

    @Override
    public void lexicalError(String msg) {
        int line = lexer.lineno();
        yyerror(line, msg);
        lexErrLine = line;
    }

    private void yyerror(int line, String msg) {
        if (line <= lexErrLine) return;
        int len = lexer.textLength();
        String newline = "";
        if (len > 0 && lexer.textAt(len - 1) == '\n') {
            len--;
            line--;
            if (len == 0) newline = "<newline>";
        }
        while (len > 0 && (lexer.textAt(len - 1) == '\t' || lexer.textAt(len - 1) == ' ')) len--;
        StringBuilder sb = new StringBuilder(80);
        sb.append(cfg.source()).append(':').append(line).append(": config parsing error near ");
        if (len > 0) {
            sb.append('`');
            for (int i = 0; i < len; i++) {
                char c = lexer.textAt(i);
                if (c == 0) break; // printf("%.*s") stops at a NUL
                sb.append(c);
            }
            sb.append('\'');
        }
        sb.append(newline).append(": ").append(msg).append('\n');
        cfg.report(sb.toString());
        if (err == 0) err = Errno.EINVAL;
    }

    @Override
    public void likelyPython() {
        likelyPython = true;
    }

    // ---- xlu__cfgl_dequote ----

    @Override
    public String dequote(String src) {
        if (err != 0) return null;
        int end = src.length() - 1;
        StringBuilder out = new StringBuilder(end);
        int p = 1;
        while (p < end) {
            char c = src.charAt(p++);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char nc = src.charAt(p++);
            switch (nc) {
                case '"', '\'', '\\' -> out.append(nc);
                case 'a' -> out.append('\007');
                case 'b' -> out.append('\010');
                case 'f' -> out.append('\014');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\013');
                case 'x' -> {
                    // libxlutil skips the first hex digit and then demands more
                    // than two digits out of two: \x escapes can never succeed.
                    lexicalError("invalid digit after backslash hexnumerical character escape in quoted string");
                    err = Errno.EINVAL;
                    return out.toString();
                }
                default -> {
                    if (nc >= '0' && nc <= '7') {
                        // libxlutil reads up to 3 more chars with strtoul(..., 10),
                        // needs at least 2 of them, and emits nothing.
                        String numbuf = src.substring(p, Math.min(p + 3, src.length()));
                        CNumbers.Parsed r = CNumbers.strtoul(numbuf, 10);
                        int used = r.end();
                        if (used <= 1) {
                            lexicalError("invalid digit after backslash octalnumerical character escape in quoted string");
                            err = Errno.EINVAL;
                            return out.toString();
                        }
                        p += used;
                    } else {
                        lexicalError("invalid character after backlash in quoted string");
                        err = Errno.EINVAL;
                        return out.toString();
                    }
                }
            }
        }
        return out.toString();
    }
}
