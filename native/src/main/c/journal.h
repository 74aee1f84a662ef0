/*
 * Journal records that the child writes to the journal pipe, one line each, at most PIPE_BUF bytes so
 * every write is atomic:
 *   S <step index> <return value> <errno name or 0> <start ns> <duration ns>   a step finished
 *   X <step index> <start ns>                                                  execve is about to run
 *   C <pid or -1> <errno name or 0> <start ns> <duration ns>                   clone() returned (the shim)
 * Times are CLOCK_MONOTONIC, the clock Java's System.nanoTime() reads on Linux, so the parent can
 * measure how long execve took from the moment the pipe reaches end-of-file (it is O_CLOEXEC).
 * Formatting is done by hand on the stack: the child must not call malloc or stdio. Records are
 * collected in a buffer on the child's stack and written in one go before execve, before a fork, and
 * when a step fails, which saves a system call per step.
 */
#ifndef BANTUBOX_JOURNAL_H
#define BANTUBOX_JOURNAL_H

#include <stdint.h>

#include <stddef.h>

struct journal {
  int fd;
  size_t used;
  char text[8192];
};

int64_t journal_now_ns(void);
void journal_init(struct journal *journal, int fd);
void journal_step(struct journal *journal, int index, long result, int error, int64_t start_ns, int64_t duration_ns);
/* Adds the "execve is about to run" record and writes out everything collected. */
void journal_exec(struct journal *journal, int index, int64_t start_ns);
void journal_flush(struct journal *journal);
/* Writes the shim's clone record (C PID ERRNO START DURATION) straight to fd. */
void journal_clone(int fd, long pid, int error, int64_t start_ns, int64_t duration_ns);

#endif
