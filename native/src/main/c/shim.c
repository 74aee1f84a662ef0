/*
 * bantubox-shim: the parent of one container from clone() to its exit status.
 *
 * A container cloned straight from the engine's JVM would lose its parent when the engine exits (a
 * detached run) or is killed: the kernel reparents it, and its exit status goes to a process that does
 * not record it. The engine therefore starts this small program for every container. The shim clones the
 * container's first process, waits for it, and writes its exit status to the container's folder, so the
 * status is kept when the engine exits or is killed (not when the shim itself is killed). It decides
 * nothing: the plan comes from the engine.
 *
 * Usage: bantubox-shim FOLDER, with these descriptors:
 *   0, 1, 2  the container's standard input, output and error
 *   3        the encoded launch plan, read to end-of-file
 *   4        the read end of the sync pipe: the child waits for the engine's "g" on it
 *   5        the write end of the journal pipe; the shim writes the clone record (C ...) first
 *
 * When the child ends, the shim writes FOLDER/exit-status.json through a temporary file and rename(), so
 * a reader sees the whole record or none, then exits with the child's exit code (128 + signal when a
 * signal ended it). Exit code 125 without that file means the shim itself failed.
 */
#include "journal.h"
#include "plan.h"
#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PLAN_FD 3
#define SYNC_FD 4
#define JOURNAL_FD 5
#define FIRST_STRAY_FD 6
#define CHILD_STACK_SIZE (1024 * 1024)
#define MAX_PLAN_BYTES (16 * 1024 * 1024)
#define EXIT_SHIM_FAILED 125
#define EXIT_STATUS_FILE "exit-status.json"
#define EXIT_STATUS_TEMPORARY ".exit-status.json.tmp"

static void fail(const char *what, const char *object) {
  fprintf(stderr, "bantubox-shim: %s %s: %s\n", what, object, strerror(errno));
}

/* The terminal's signals go to the whole foreground process group of an attached container, the shim
 * included. The shim ignores them because it must outlive the container to record its status. The
 * child resets them to the default. */
static void ignore_terminal_signals(void) {
  const int signals[] = { SIGINT, SIGQUIT, SIGHUP, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU };
  struct sigaction ignore;
  memset(&ignore, 0, sizeof ignore);
  ignore.sa_handler = SIG_IGN;
  for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &ignore, NULL);
}

static uint8_t *read_plan(size_t *length) {
  size_t capacity = 65536;
  size_t used = 0;
  uint8_t *buffer = malloc(capacity);
  while (buffer != NULL) {
    if (used == capacity) {
      if (capacity >= MAX_PLAN_BYTES) {
        errno = EFBIG;
        break;
      }
      uint8_t *larger = realloc(buffer, capacity * 2);
      if (larger == NULL) break;
      buffer = larger;
      capacity *= 2;
    }
    ssize_t got = read(PLAN_FD, buffer + used, capacity - used);
    if (got == 0) {
      *length = used;
      return buffer;
    }
    if (got < 0 && errno != EINTR) break;
    if (got > 0) used += (size_t)got;
  }
  free(buffer);
  return NULL;
}

static int write_all(int fd, const char *text, size_t length) {
  while (length > 0) {
    ssize_t written = write(fd, text, length);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return -1;
    text += written;
    length -= (size_t)written;
  }
  return 0;
}

/* Writes the exit status through a temporary file and rename(), so a reader sees the whole record or
 * none, also when the engine is killed. It does not fsync: that costs milliseconds on every container's
 * exit, and after a crash of the whole machine no container is running any more anyway. */
static void write_exit_status(int folder_fd, const char *folder, int status) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  int signal_number = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  int exit_code = signal_number != 0 ? 128 + signal_number : WEXITSTATUS(status);
  int core_dumped = signal_number != 0 && WCOREDUMP(status);
  char text[256];
  int length = snprintf(text, sizeof text,
                        "{\"exitCode\": %d, \"signal\": %d, \"coreDumped\": %s, \"finishedSeconds\": %lld,"
                        " \"finishedNanos\": %ld}\n",
                        exit_code, signal_number, core_dumped ? "true" : "false", (long long)now.tv_sec, now.tv_nsec);

  int fd = openat(folder_fd, EXIT_STATUS_TEMPORARY, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    fail("cannot create the exit status in", folder);
    return;
  }
  int failed = write_all(fd, text, (size_t)length) != 0;
  close(fd);
  if (failed || renameat(folder_fd, EXIT_STATUS_TEMPORARY, folder_fd, EXIT_STATUS_FILE) != 0) {
    fail("cannot write the exit status in", folder);
    return;
  }
}

static int wait_for(pid_t child) {
  int status;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return status;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: bantubox-shim FOLDER (started by the BantuBox engine, with the plan on fd 3)\n");
    return EXIT_SHIM_FAILED;
  }
  const char *folder = argv[1];
  /* The engine's descriptors that were not O_CLOEXEC must not reach the container. */
  syscall(SYS_close_range, FIRST_STRAY_FD, ~0u, 0u);
  ignore_terminal_signals();

  int folder_fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder_fd < 0) {
    fail("cannot open the container folder", folder);
    return EXIT_SHIM_FAILED;
  }
  /* The shim must not keep the engine's working directory (and its mount) busy. */
  if (chdir("/") != 0) fail("cannot change directory to", "/");

  size_t length = 0;
  uint8_t *buffer = read_plan(&length);
  close(PLAN_FD);
  struct plan *plan = calloc(1, sizeof *plan);
  int bad_step = -1;
  if (buffer == NULL || plan == NULL || plan_parse(buffer, length, plan, &bad_step) != 0) {
    int error = buffer == NULL || plan == NULL ? errno : EINVAL;
    journal_clone(JOURNAL_FD, -1, error, journal_now_ns(), 0);
    fprintf(stderr, "bantubox-shim: cannot read the launch plan (step %d): %s\n", bad_step, strerror(error));
    return EXIT_SHIM_FAILED;
  }
  /* Both close in the child at execve, so the journal's end-of-file shows the engine that execve worked. */
  fcntl(SYNC_FD, F_SETFD, FD_CLOEXEC);
  fcntl(JOURNAL_FD, F_SETFD, FD_CLOEXEC);
  plan->sync_read_fd = SYNC_FD;
  plan->journal_fd = JOURNAL_FD;
  /* The engine holds the other ends of both pipes; the shim has no copies for the child to close. */
  plan->sync_write_fd = -1;
  plan->journal_read_fd = -1;

  void *stack = mmap(NULL, CHILD_STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) {
    journal_clone(JOURNAL_FD, -1, errno, journal_now_ns(), 0);
    return EXIT_SHIM_FAILED;
  }
  int64_t start = journal_now_ns();
  pid_t child = clone(run_child, (char *)stack + CHILD_STACK_SIZE, (int)plan->clone_flags | SIGCHLD, plan);
  int clone_error = child < 0 ? errno : 0;
  journal_clone(JOURNAL_FD, child, clone_error, start, journal_now_ns() - start);
  close(SYNC_FD);
  close(JOURNAL_FD);
  if (child < 0) return EXIT_SHIM_FAILED;

  /* The container has its own copies of 0 and 1; the shim keeps only standard error for its messages. */
  int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd >= 0) {
    dup2(null_fd, 0);
    dup2(null_fd, 1);
    close(null_fd);
  }

  int status = wait_for(child);
  if (status < 0) {
    fail("cannot wait for the container's process in", folder);
    return EXIT_SHIM_FAILED;
  }
  write_exit_status(folder_fd, folder, status);
  close(folder_fd);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}
