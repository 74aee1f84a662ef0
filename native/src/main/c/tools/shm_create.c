/*
 * shm-create: creates a System V shared memory segment with the given key and leaves it there, so a
 * lesson can look for it in /proc/sysvipc/shm. The segment lives as long as its IPC namespace (or
 * until removed), which is what the IPC lesson shows: a new namespace starts empty.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define SEGMENT_BYTES 4096

int main(int argc, char **argv) {
    char *end = NULL;
    long key = argc == 2 ? strtol(argv[1], &end, 10) : 0;
    if (argc != 2 || end == argv[1] || *end != '\0' || key <= 0) {
        fprintf(stderr, "usage: shm-create KEY (a positive decimal number)\n");
        return 2;
    }
    int id = shmget((key_t) key, SEGMENT_BYTES, IPC_CREAT | IPC_EXCL | 0600);
    if (id < 0) {
        fprintf(stderr, "shm-create: shmget(%ld, %d, IPC_CREAT|IPC_EXCL|0600) failed: %s\n", key, SEGMENT_BYTES,
                strerror(errno));
        return 1;
    }
    printf("shm-create: segment with key %ld has id %d\n", key, id);
    return 0;
}
