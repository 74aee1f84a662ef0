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

void journal_init(struct journal *journal, int fd) {
  journal->fd = fd;
  journal->used = 0;
}

void journal_flush(struct journal *journal) {
  size_t offset = 0;
  while (offset < journal->used) {
    ssize_t written = write(journal->fd, journal->text + offset, journal->used - offset);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) break; /* the parent has exited, so no process reads the journal any more */
    offset += (size_t)written;
  }
  journal->used = 0;
}

static void add_line(struct journal *journal, struct line *line) {
  line->text[line->length++] = '\n';
  if (journal->used + line->length > sizeof journal->text) journal_flush(journal);
  memcpy(journal->text + journal->used, line->text, line->length);
  journal->used += line->length;
}

void journal_step(struct journal *journal, int index, long result, int error, int64_t start_ns, int64_t duration_ns) {
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
  add_line(journal, &line);
}

void journal_exec(struct journal *journal, int index, int64_t start_ns) {
  struct line line = { .length = 0 };
  append_text(&line, "X ");
  append_number(&line, index);
  append_text(&line, " ");
  append_number(&line, start_ns);
  add_line(journal, &line);
  journal_flush(journal);
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
  line.text[line.length++] = '\n';
  ssize_t written;
  do {
    written = write(fd, line.text, line.length);
  } while (written < 0 && errno == EINTR);
}
