/* The other side of a libxl lock file, done as libxl__lock_file/libxl__unlock_file do it:
 *   flock_probe hold PATH   lock (waiting), print "locked", wait for a line on stdin, then
 *                           unlink PATH and close, print "released"
 *   flock_probe try PATH    print "busy" if another holder has PATH locked, else "free" */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: flock_probe hold|try PATH\n"); return 2; }
    int fd = open(argv[2], O_RDWR | O_CREAT, 0666);
    if (fd < 0) { perror("open"); return 1; }
    if (strcmp(argv[1], "try") == 0) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) { puts("free"); return 0; }
        if (errno == EWOULDBLOCK) { puts("busy"); return 0; }
        perror("flock"); return 1;
    }
    while (flock(fd, LOCK_EX)) if (errno != EINTR) { perror("flock"); return 1; }
    puts("locked"); fflush(stdout);
    char line[16];
    if (!fgets(line, sizeof line, stdin)) { /* EOF: release too */ }
    unlink(argv[2]);
    close(fd);
    puts("released"); fflush(stdout);
    return 0;
}
