/*
 * The launch plan as the child sees it: clone flags and an ordered list of kernel steps.
 *
 * The engine (Java) writes the plan in the binary form below; plan_parse() checks it and points every
 * argument into the caller's buffer, all before clone(). The child then only reads these structs, so it
 * never allocates (another JVM thread may hold the malloc lock at the moment of clone()).
 *
 * Wire format, native byte order:
 *   "BBP1"  u32 clone_flags  u32 sync_fd_slot_unused  u32 step_count
 *   per step: u32 op  u32 flags  u32 argc  u32 reserved  u64 number  u64 number2
 *             then argc times: u32 length, length bytes, one NUL byte
 */
#ifndef BANTUBOX_PLAN_H
#define BANTUBOX_PLAN_H

#include <stddef.h>
#include <stdint.h>

#define PLAN_MAX_STEPS 128
#define PLAN_MAX_ARGS 512

/* Numbers shared with the engine's StepKind enum; keep both in the same order. */
enum step_op {
  OP_WAIT_FOR_PARENT = 0,
  OP_MOUNT = 1,
  OP_UMOUNT2 = 2,
  OP_MKDIR = 3,
  OP_MKNOD = 4,
  OP_SYMLINK = 5,
  OP_CHDIR = 6,
  OP_PIVOT_ROOT = 7,
  OP_CHROOT = 8,
  OP_SETHOSTNAME = 9,
  OP_SETNS = 10,
  OP_DUP2 = 11,
  OP_CLOSE_FDS = 12,
  OP_RESET_SIGNALS = 13,
  OP_EXECVE = 14,
  OP_UMASK = 15,
  OP_LINK_UP = 16,
  OP_FORK = 17,
  OP_SETSID = 18,
  OP_SET_CTTY = 19,
  OP_CHMOD = 20,
  OP_OPEN = 21,
  OP_EXECVEAT = 22,
  OP_WRITE_FILE = 23,
  OP_COUNT = 24
};

/* Step flags. */
#define STEP_TOLERATE_EEXIST 1u /* mkdir/mknod/symlink: an existing entry is fine (the image may have it) */

struct plan_step {
  uint32_t op;
  uint32_t flags;
  uint64_t number;   /* mount flags, mode, fd, namespace type: what the op needs */
  uint64_t number2;  /* device number for mknod, target fd for dup2 */
  uint32_t argc;
  const char *const *argv; /* points into plan.args */
};

struct plan {
  uint32_t clone_flags;
  uint32_t step_count;
  struct plan_step steps[PLAN_MAX_STEPS];
  const char *args[PLAN_MAX_ARGS + PLAN_MAX_STEPS]; /* each step's arguments, NULL-terminated */
  int sync_read_fd;
  int journal_fd;
  int sync_write_fd;     /* the parent's ends: the child closes its copies first */
  int journal_read_fd;
  uint8_t *owned_bytes; /* the copy of the wire format that args point into */
};

/* Parses buffer into plan. Returns 0, or -1 with *bad_step set to the step that is malformed
 * (or -1 for the header). The plan keeps pointers into buffer: keep it alive while plan is used. */
int plan_parse(const uint8_t *buffer, size_t length, struct plan *plan, int *bad_step);

const char *step_op_name(uint32_t op);

#endif
