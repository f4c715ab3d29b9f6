package io.xlj.config;

/**
 * The xl.cfg scanner, behaving like libxlutil's flex scanner (libxlu_cfg_l.l
 * with {@code %option yylineno}) byte for byte: longest match, earlier rule on
 * a tie, {@code yymore()} accumulation into the error text, line counting, and
 * what {@code yytext}/{@code yyleng} hold at end of input (error messages show
 * them).  Input is bytes, held as ISO-8859-1 chars.
 */
final class CfgLexer {

    // Token (symbol) numbers of the bison tables.
    static final int EOF = 0;
    static final int IDENT = 3;
    static final int STRING = 4;
    static final int NUMBER = 5;
    static final int NEWLINE = 6;
    static final int OP_ADD = 7;
    static final int EQ = 8;
    static final int SEMI = 9;
    static final int LBRACK = 10;
    static final int RBRACK = 11;
    static final int COMMA = 12;

    /** Receives what the C scanner actions do besides returning tokens. */
    interface Actions {
        /** xlu__cfgl_lexicalerror(ctx, msg). */
        void lexicalError(String msg);

        /** xlu__cfgl_dequote: the dequoted string, or what it holds when it fails. */
        String dequote(String quoted);

        void likelyPython();
    }

    private final String in;
    private final int n;
    private final Actions actions;

    private int pos;            // next unread char
    private boolean lexerr;     // the flex start condition <lexerr>
    private int moreLen;        // pending yymore() text length
    private int textStart;      // yytext
    private int textLen;        // yyleng
    private boolean atEof;
    private int lineno = 1;     // yylineno
    private int noNewlineFrom = Integer.MAX_VALUE; // no '\n' at or after this index (keeps '#'s linear)

    /** The token's line (yylloc->first_line) and semantic value. */
    int tokenLine = 1;
    String tokenValue;

    CfgLexer(String in, Actions actions) {
        this.in = in;
        this.n = in.length();
        this.actions = actions;
    }

    int lineno() {
        return lineno;
    }

    /** yyleng. */
    int textLength() {
        return textLen;
    }

    /** yytext[i] for 0 <= i < yyleng, with the NULs flex keeps after the end of its buffer. */
    char textAt(int i) {
        if (atEof && moreLen == 0) return 0; // yytext points at the end-of-buffer NULs
        int p = textStart + i;
        return p < n ? in.charAt(p) : 0;
    }

    private void match(int start, int len) {
        textStart = start;
        textLen = len;
        for (int i = start + moreLen; i < start + len; i++) {
            if (in.charAt(i) == '\n') lineno++;
        }
        moreLen = 0;
        pos = start + len;
    }

    /** The next token number (0 at end of input), setting tokenLine/tokenValue. */
    int next() {
        for (;;) {
            int start = pos - moreLen;
            if (pos >= n) {
                // End of input: flex runs the EOF action without touching yyleng;
                // yytext is the pending yymore() text, if any, else the buffer end.
                atEof = true;
                if (moreLen > 0) {
                    textStart = start;
                    textLen = moreLen;
                }
                return EOF;
            }
            char c = in.charAt(pos);
            if (lexerr) {
                if (c == '\n') {
                    match(start, moreLen + 1);
                    actions.lexicalError("lexical error");
                    lexerr = false;
                    return token(NEWLINE, null, lineno);
                }
                int end = pos;
                if (c == ' ' || c == '\t') {
                    end++;
                } else {
                    while (end < n && in.charAt(end) != ' ' && in.charAt(end) != '\t' && in.charAt(end) != '\n') end++;
                }
                match(start, moreLen + end - pos);
                actions.lexicalError("lexical error");
                lexerr = false;
                continue;
            }
            if (c >= 'a' && c <= 'z') {
                int end = pos + 1;
                while (end < n && isIdentChar(in.charAt(end))) end++;
                match(start, end - start);
                return token(IDENT, in.substring(start, end), lineno);
            }
            if (c >= '0' && c <= '9') {
                int end = pos + 1;
                while (end < n && isNumberChar(in.charAt(end))) end++;
                match(start, end - start);
                return token(NUMBER, in.substring(start, end), lineno);
            }
            switch (c) {
                case ' ', '\t' -> {
                    match(start, 1);
                    continue;
                }
                case ',' -> {
                    match(start, 1);
                    return token(COMMA, null, lineno);
                }
                case '[' -> {
                    match(start, 1);
                    return token(LBRACK, null, lineno);
                }
                case ']' -> {
                    match(start, 1);
                    return token(RBRACK, null, lineno);
                }
                case '=' -> {
                    match(start, 1);
                    return token(EQ, null, lineno);
                }
                case ';' -> {
                    match(start, 1);
                    return token(SEMI, null, lineno);
                }
                case '\n' -> {
                    match(start, 1);
                    return token(NEWLINE, null, lineno - 1);
                }
                case '#' -> {
                    int nl = pos < noNewlineFrom ? in.indexOf('\n', pos) : -1;
                    if (nl < 0) noNewlineFrom = Math.min(noNewlineFrom, pos);
                    if (nl >= 0) {
                        match(start, nl + 1 - start);
                        return token(NEWLINE, null, lineno - 1);
                    }
                }
                case '+' -> {
                    if (pos + 1 < n && in.charAt(pos + 1) == '=') {
                        match(start, 2);
                        return token(OP_ADD, null, lineno);
                    }
                }
                case '\'', '"' -> {
                    int end = quotedEnd(pos, c);
                    if (end > 0) {
                        match(start, end - start);
                        return token(STRING, actions.dequote(in.substring(start, end)), lineno);
                    }
                }
                default -> { }
            }
            // A char no rule wants: start a lexical error, keeping the char (yymore).
            if (c == '+' || c == '-' || c == '.' || c == '(' || c == ')' || c == ':') actions.likelyPython();
            match(start, 1);
            moreLen = 1;
            lexerr = true;
        }
    }

    private int token(int tok, String value, int line) {
        tokenLine = line;
        tokenValue = value;
        return tok;
    }

    /** End (exclusive) of a quoted string starting at {@code p}, or -1 when the rule does not match. */
    private int quotedEnd(int p, char q) {
        int i = p + 1;
        while (i < n) {
            char c = in.charAt(i);
            if (c == q) return i + 1;
            if (c == '\n') return -1;
            if (c == '\\') {
                if (i + 1 >= n || in.charAt(i + 1) == '\n') return -1;
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static boolean isIdentChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == 'x';
    }
}
