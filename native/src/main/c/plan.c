#include "plan.h"

#include <string.h>

static const char *const op_names[OP_COUNT] = {
  "wait-for-parent", "mount", "umount2", "mkdir", "mknod", "symlink", "chdir", "pivot_root",
  "chroot", "sethostname", "setns", "dup2", "close-fds", "reset-signals", "execve", "umask",
  "link-up", "fork", "setsid", "set-ctty", "chmod", "open", "execveat", "write",
};

const char *step_op_name(uint32_t op) {
  return op < OP_COUNT ? op_names[op] : "unknown";
}

struct reader {
  const uint8_t *at;
  const uint8_t *end;
};

static int read_u32(struct reader *reader, uint32_t *value) {
  if ((size_t)(reader->end - reader->at) < sizeof *value) return -1;
  memcpy(value, reader->at, sizeof *value);
  reader->at += sizeof *value;
  return 0;
}

static int read_u64(struct reader *reader, uint64_t *value) {
  if ((size_t)(reader->end - reader->at) < sizeof *value) return -1;
  memcpy(value, reader->at, sizeof *value);
  reader->at += sizeof *value;
  return 0;
}

/* Reads one length-prefixed, NUL-terminated string and returns a pointer into the buffer. */
static const char *read_string(struct reader *reader) {
  uint32_t length;
  if (read_u32(reader, &length) != 0) return NULL;
  if ((size_t)(reader->end - reader->at) < (size_t)length + 1) return NULL;
  const char *text = (const char *)reader->at;
  if (text[length] != '\0' || memchr(text, '\0', length) != NULL) return NULL;
  reader->at += (size_t)length + 1;
  return text;
}

int plan_parse(const uint8_t *buffer, size_t length, struct plan *plan, int *bad_step) {
  struct reader reader = { buffer, buffer + length };
  uint32_t unused;
  *bad_step = -1;
  if (length < 4 || memcmp(buffer, "BBP1", 4) != 0) return -1;
  reader.at += 4;
  if (read_u32(&reader, &plan->clone_flags) != 0) return -1;
  if (read_u32(&reader, &unused) != 0) return -1;
  if (read_u32(&reader, &plan->step_count) != 0) return -1;
  if (plan->step_count > PLAN_MAX_STEPS) return -1;

  size_t next_arg = 0;
  for (uint32_t i = 0; i < plan->step_count; i++) {
    struct plan_step *step = &plan->steps[i];
    uint32_t reserved;
    *bad_step = (int)i;
    if (read_u32(&reader, &step->op) != 0 || step->op >= OP_COUNT) return -1;
    if (read_u32(&reader, &step->flags) != 0) return -1;
    if (read_u32(&reader, &step->argc) != 0) return -1;
    if (read_u32(&reader, &reserved) != 0) return -1;
    if (read_u64(&reader, &step->number) != 0) return -1;
    if (read_u64(&reader, &step->number2) != 0) return -1;
    if (next_arg + step->argc + 1 > sizeof plan->args / sizeof plan->args[0]) return -1;
    step->argv = &plan->args[next_arg];
    for (uint32_t a = 0; a < step->argc; a++) {
      const char *text = read_string(&reader);
      if (text == NULL) return -1;
      plan->args[next_arg++] = text;
    }
    plan->args[next_arg++] = NULL;
  }
  if (reader.at != reader.end) {
    *bad_step = (int)plan->step_count;
    return -1;
  }
  *bad_step = -1;
  return 0;
}
