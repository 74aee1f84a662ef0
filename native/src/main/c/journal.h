/*
 * Journal records that the child writes to the journal pipe, one line each, at most PIPE_BUF bytes so
 * every write is atomic:
 *   S <step index> <return value> <errno name or 0> <start ns> <duration ns>   a step finished
 *   X <step index> <start ns>                                                  execve is about to run
 *   C <pid or -1> <errno name or 0> <start ns> <duration ns>                   clone() returned (the shim)
 * Times are CLOCK_MONOTONIC, the clock Java's System.nanoTime() reads on Linux, so the parent can
 * measure how long execve took from the moment the pipe reaches end-of-file (it is O_CLOEXEC).
 * Formatting is done by hand on the stack: the child must not call malloc or stdio.
 */
#ifndef BANTUBOX_JOURNAL_H
#define BANTUBOX_JOURNAL_H

#include <stdint.h>

int64_t journal_now_ns(void);
void journal_step(int fd, int index, long result, int error, int64_t start_ns, int64_t duration_ns);
void journal_exec(int fd, int index, int64_t start_ns);
void journal_clone(int fd, long pid, int error, int64_t start_ns, int64_t duration_ns);

#endif
