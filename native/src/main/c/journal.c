#include "journal.h"

#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int64_t journal_now_ns(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

struct line {
  char text[256];
  size_t length;
};

static void append_text(struct line *line, const char *text) {
  while (*text != '\0' && line->length < sizeof line->text - 1) line->text[line->length++] = *text++;
}

static void append_number(struct line *line, int64_t value) {
  char digits[24];
  int count = 0;
  uint64_t magnitude = value < 0 ? (uint64_t)(-(value + 1)) + 1 : (uint64_t)value;
  do {
    digits[count++] = (char)('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (value < 0) append_text(line, "-");
  while (count > 0 && line->length < sizeof line->text - 1) line->text[line->length++] = digits[--count];
}

static void write_line(int fd, struct line *line) {
  line->text[line->length++] = '\n';
  ssize_t written;
  do {
    written = write(fd, line->text, line->length);
  } while (written < 0 && errno == EINTR);
}

void journal_step(int fd, int index, long result, int error, int64_t start_ns, int64_t duration_ns) {
  struct line line = { .length = 0 };
  append_text(&line, "S ");
  append_number(&line, index);
  append_text(&line, " ");
  append_number(&line, result);
  append_text(&line, " ");
  const char *name = error != 0 ? strerrorname_np(error) : "0";
  append_text(&line, name != NULL ? name : "EUNKNOWN");
  append_text(&line, " ");
  append_number(&line, start_ns);
  append_text(&line, " ");
  append_number(&line, duration_ns);
  write_line(fd, &line);
}

void journal_exec(int fd, int index, int64_t start_ns) {
  struct line line = { .length = 0 };
  append_text(&line, "X ");
  append_number(&line, index);
  append_text(&line, " ");
  append_number(&line, start_ns);
  write_line(fd, &line);
}

void journal_clone(int fd, long pid, int error, int64_t start_ns, int64_t duration_ns) {
  struct line line = { .length = 0 };
  append_text(&line, "C ");
  append_number(&line, pid);
  append_text(&line, " ");
  const char *name = error != 0 ? strerrorname_np(error) : "0";
  append_text(&line, name != NULL ? name : "EUNKNOWN");
  append_text(&line, " ");
  append_number(&line, start_ns);
  append_text(&line, " ");
  append_number(&line, duration_ns);
  write_line(fd, &line);
}
