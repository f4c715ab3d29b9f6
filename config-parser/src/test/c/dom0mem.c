/*
 * dom0mem: for each line of stdin (a Xen command line), prints 1 when xl
 * would turn autoballoon on under autoballoon="auto" (no dom0_mem setting
 * matched by glibc's POSIX regexec on xl's pattern), else 0.  Our own test
 * helper for GlobalConfig.autoAutoballoon.
 */
#include <regex.h>
#include <stdio.h>
#include <string.h>

#define SIZE "-?[0-9]+[bBkKmMgGtT]?"

int main(void)
{
    regex_t re;
    char line[4096];
    if (regcomp(&re, "(^| )dom0_mem=((|min:|max:)(" SIZE "|(" SIZE "\\+)?[0-9]{1,2}%),?)+($| )",
                REG_NOSUB | REG_EXTENDED))
        return 2;
    while (fgets(line, sizeof(line), stdin)) {
        line[strcspn(line, "\n")] = 0;
        printf("%d\n", regexec(&re, line, 0, NULL, 0) == REG_NOMATCH);
    }
    return 0;
}
