package io.xlj.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made xl.cfg inputs aimed at every lexer and parser quirk and error
 * path of libxlutil 4.17 (xl-and-peers.md section 3).  Only inputs: what they
 * must produce comes from the real libxlutil / xl at test time.
 */
final class CfgCases {
    private CfgCases() {}

    record Case(String name, byte[] data) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> all() {
        List<Case> c = new ArrayList<>();
        // values and numbers
        add(c, "basic", "name = \"guest\"\nmemory = 512\nvcpus = 2\n");
        add(c, "octal", "memory = 010\n");
        add(c, "bad-octal", "memory = 08\n");
        add(c, "hex", "memory = 0x10\nb = 0X10\n");
        add(c, "hex-empty", "memory = 0x\n");
        add(c, "exponent", "memory = 1e5\n");
        add(c, "number-letters", "memory = 12ab\nb = 0xfffffffffffffffff\n");
        add(c, "huge", "memory = 99999999999999999999\nb = 9223372036854775807\nc = 9223372036854775808\n");
        add(c, "bounds", "a = 1000\nb = 1001\nc = \"-5\"\nd = \"-6\"\n");
        add(c, "quoted-numbers", "a = \"128\"\nb = \"  12\"\nc = \"12 \"\nd = \"+12\"\ne = \"-12\"\nf = \"\"\ng = \" \"\n");
        add(c, "quoted-hex", "a = \"0x1F\"\nb = \"-0x10\"\nc = \"0x\"\nd = \"\\t7\"\n");
        add(c, "negative", "memory = -5\n");
        add(c, "float", "memory = 5.5\n");
        add(c, "unit", "memory = 512M\nname = \"x\"\n");
        add(c, "zero-bool", "a = 0\nb = 1\nc = 2\nd = \"yes\"\ne = 00\n");
        // strings and escapes
        add(c, "single-quotes", "a = 'it''s'\nb = 'say \"hi\"'\nc = \"it's\"\n");
        add(c, "escapes", "a = \"1\\n2\\t3\\\\4\\'5\\\"6\"\nb = \"\\a\\b\\f\\v\\r\"\n");
        add(c, "escape-bad", "a = \"x\\qy\"\n");
        add(c, "escape-hex", "a = \"x\\x41y\"\n");
        add(c, "escape-octal", "a = \"x\\101y\"\nb = \"x\\1234y\"\nc = '\\777'\n");
        add(c, "escape-octal-short", "a = \"x\\12\"\n");
        add(c, "escape-octal-one", "a = \"\\1\"\n");
        add(c, "escape-octal-space", "a = \"\\1 2z\"\n");
        add(c, "escape-octal-sign", "a = \"\\1+23z\"\nb = \"\\1-9x\"\n");
        add(c, "escape-digit-8", "a = \"\\8\"\n");
        add(c, "unterminated", "a = \"unterminated\nb = 1\n");
        add(c, "unterminated-single", "a = 'x\n");
        add(c, "backslash-newline", "a = \"x\\\ny\"\n");
        add(c, "backslash-end", "a = \"x\\\"\n");
        add(c, "high-bytes", "a = \"caf\u00e9 \u00ff\"\nb = '\u0080'\n");
        add(c, "high-byte-bare", "a = \u00e9\n");
        add(c, "empty-strings", "a = \"\"\nb = ''\n");
        // keys
        add(c, "key-chars", "vif.default.script = \"x\"\na_b.c9 = 1\nz0 = 2\n");
        add(c, "upper-key", "name = \"x\"\nKernel = \"/k\"\n");
        add(c, "upper-inside-key", "kerNel = \"/k\"\n");
        add(c, "digit-key", "1a = 2\n");
        add(c, "underscore-key", "_a = 1\n");
        add(c, "dash-key", "on-crash = 1\n");
        // statements
        add(c, "semicolons", "a = 1; b = 2;c=3\n;;\n");
        add(c, "two-on-a-line", "a = 1 b = 2\n");
        add(c, "no-final-newline", "a = 1\nb = \"x\"");
        add(c, "no-final-newline-list", "a = [1, 2]");
        add(c, "comment-lines", "# comment\na = 1 # trailing\n   # indented\n\n\n#\n");
        add(c, "comment-at-eof", "a = 1\n# x");
        add(c, "hash-at-eof", "a = 1\n#");
        add(c, "comment-after-eq", "a = # c\n1\n");
        add(c, "crlf", "name = \"a\"\r\nmemory = 128\r\n");
        add(c, "cr-only", "a = 1\rb = 2\n");
        add(c, "tabs", "\ta\t=\t1\t\n");
        add(c, "empty", "");
        add(c, "newlines-only", "\n\n\n");
        add(c, "later-wins", "a = \"x\"\na = \"y\"\nb = [1]\nb = 2\n");
        // += 
        add(c, "add-strings", "a = \"x\"\na += \"y\"\na += 'z'\n");
        add(c, "add-numbers", "a = 1\na += 2\n");
        add(c, "add-lists", "a = [1]\na += [2, 3]\na += []\n");
        add(c, "add-mixed", "a = \"x\"\na += [1]\nb = 2\n");
        add(c, "add-mixed-rev", "a = [1]\na += \"x\"\n");
        add(c, "add-first", "a += \"x\"\nb += [1]\nc += 5\n");
        add(c, "add-then-assign", "a = 1\na += 2\na = 3\n");
        add(c, "add-space", "a + = 1\n");
        // lists
        add(c, "list-empty", "a = []\nb = [ ]\nc = [\n]\n");
        add(c, "list-nested", "a = [[1, 2], [3, [4]], \"x\"]\n");
        add(c, "list-trailing-comma", "a = [1, 2,]\nb = [1,\n]\n");
        add(c, "list-multiline", "a = [\n  \"x\",\n\n  \"y\"\n  ,\n  \"z\"\n]\nb = 1\n");
        add(c, "list-comments", "a = [ 1, # one\n  2 # two\n]\n");
        add(c, "list-only-comma", "a = [,]\n");
        add(c, "list-double-comma", "a = [1,,2]\n");
        add(c, "list-missing-comma", "a = [ \"x\" \"y\" ]\n");
        add(c, "list-unclosed", "a = [1, 2\nb = 3\n");
        add(c, "list-unclosed-eof", "a = [ \"loooooong\"");
        add(c, "list-open-eof", "a = [");
        add(c, "list-close-only", "a = ]\n");
        add(c, "list-as-key", "[1] = 2\n");
        add(c, "list-newline-first", "a =\n[1]\n");
        // syntax errors
        add(c, "missing-eq", "name \"x\"\n");
        add(c, "missing-value", "memory =\n");
        add(c, "missing-value-eof", "a = ");
        add(c, "missing-value-eof2", "a =");
        add(c, "ident-eof", "a=1;b");
        add(c, "add-eof", "a +=");
        add(c, "two-values", "memory = 12 8\n");
        add(c, "double-eq", "a == 1\n");
        add(c, "leading-eq", "\n\n= 3\n");
        add(c, "python-import", "import os\n");
        add(c, "python-call", "name = \"x\"\nx = (1)\n");
        add(c, "python-plus", "a = 1 + 2\n");
        add(c, "python-colon", "a: 1\n");
        add(c, "python-paren-space", "a = (  1)\n");
        add(c, "python-dict", "a = { 'x': 1 }\n");
        add(c, "at-sign", "a = @\n");
        add(c, "at-eof", "a = @");
        add(c, "at-space-eof", "a = @ ");
        add(c, "errors-each-line", "a = @\nb = = 1\nc == 2\nd = 3\n");
        add(c, "errors-spread", "a = @\n\nb = = 1\n\nc == 2\nd = 3\n");
        add(c, "error-then-settings", "a b\nname = \"x\"\nmemory = 1\n");
        add(c, "lex-errors-many", "a = `x`\nb = $y\nc = !z\n");
        add(c, "dollar-in-word", "a = 1$2\n");
        add(c, "quote-in-number", "a = 1\"2\"\n");
        add(c, "newline-in-list-error", "a = [1\n2]\n");
        add(c, "semicolon-in-list", "a = [1; 2]\n");
        add(c, "eq-in-list", "a = [b = 1]\n");
        add(c, "ident-value", "a = b\n");
        add(c, "recover-then-eof", "a = = 1");
        add(c, "recover-3-tokens", "a = = 1 2 3 4\nb = 1\n");
        add(c, "long-error-token", "a = " + "x".repeat(100) + "@" + "y".repeat(50) + "\n");
        add(c, "trailing-blanks-error", "a = @@@   \t  \n");
        add(c, "blank-only-error", "a = \"x\" \t\n= 1\n");
        // a realistic file
        add(c, "realistic", String.join("\n",
                "# a PV guest", "name = \"web\"", "type = \"pv\"", "kernel = \"/boot/vmlinuz\"",
                "extra = \"root=/dev/xvda1 console=hvc0\"", "memory = 1024", "maxmem = 0x800",
                "vcpus = 2", "cpus = \"0-3\"", "on_crash = 'restart'",
                "disk = [ 'phy:/dev/vg/web,xvda,w',", "         'file:/srv/iso,xvdc:cdrom,r' ]",
                "vif = [ 'mac=00:16:3e:00:00:01,bridge=xenbr0', 'rate=10Mb/s' ]",
                "pci = []", "vnuma = [ [ \"pnode=0\", \"size=512\" ], [ \"pnode=0\", \"size=512\" ] ]",
                "extra += \" quiet\"", ""));
        return c;
    }

    private static void add(List<Case> c, String name, String text) {
        c.add(new Case(name, text.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
