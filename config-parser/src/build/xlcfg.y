/*
 * The xl.cfg(5) grammar as libxlutil 4.17 accepts it, written for xlj from
 * xl.cfg(5) and the observed behaviour of libxlutil.  Only the grammar's
 * shape matters here: bison turns it into the LALR tables in
 * io.xlj.config.CfgTables (see gen-tables.sh), and xlj's own driver runs them.
 * Bison's state machine decides which tokens an error message lists as
 * "expecting", so the rules must keep this exact shape.
 */
%define parse.error verbose
%locations
%token IDENT STRING NUMBER NEWLINE
%token OP_ADD "+="
%%
file:  stmts
 |     stmts assignment
stmts:  %empty
 |      stmts stmt
stmt:   assignment endstmt
 |      endstmt
 |      error NEWLINE
assignment: IDENT '=' value
 |          IDENT "+=" value
endstmt: NEWLINE
 |      ';'
value:  atom
 |      '[' nlok valuelist ']'
atom:   STRING
 |      NUMBER
valuelist: %empty
 |      values
 |      values ',' nlok
values: value nlok
 |      values ',' nlok value nlok
nlok:   %empty
 |      nlok NEWLINE
