/*
 * libbantubox's entry points for the engine (loaded with jnr-ffi).
 *
 * bb_launch parses the plan, creates the sync and journal pipes, and clones the child on a stack of
 * its own. The child blocks on the sync pipe until the engine has done its parent-side work (cgroups,
 * network links) and written "g"; then it runs the plan's steps.
 */
#include "journal.h"
#include "plan.h"
#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHILD_STACK_SIZE (1024 * 1024)

/* Slots of the result array that bb_launch fills in. */
enum launch_result {
  RESULT_PID = 0,
  RESULT_SYNC_FD = 1,
  RESULT_JOURNAL_FD = 2,
  RESULT_ERRNO = 3,
  RESULT_BAD_STEP = 4,
  RESULT_CLONE_START_NS = 5,
  RESULT_CLONE_NS = 6,
  RESULT_SLOTS = 7
};

/* Launches are serialised: a child cloned while another launch's pipes are open would inherit their
 * write ends, and the other launch would then wait for that child's execve before it saw end-of-file. */
static pthread_mutex_t launch_lock = PTHREAD_MUTEX_INITIALIZER;

int bb_result_slots(void) {
  return RESULT_SLOTS;
}

/* Launches the plan. Returns 0 with pid and descriptors in result, or -1 with errno in
 * result[RESULT_ERRNO] (EINVAL with result[RESULT_BAD_STEP] for a malformed plan). */
int bb_launch(const uint8_t *buffer, size_t length, int64_t *result) {
  for (int i = 0; i < RESULT_SLOTS; i++) result[i] = -1;
  result[RESULT_ERRNO] = 0;

  struct plan *plan = calloc(1, sizeof *plan);
  if (plan == NULL) {
    result[RESULT_ERRNO] = ENOMEM;
    return -1;
  }
  int bad_step;
  if (plan_parse(buffer, length, plan, &bad_step) != 0) {
    free(plan);
    result[RESULT_ERRNO] = EINVAL;
    result[RESULT_BAD_STEP] = bad_step;
    return -1;
  }

  void *stack = mmap(NULL, CHILD_STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) {
    result[RESULT_ERRNO] = errno;
    free(plan);
    return -1;
  }

  pthread_mutex_lock(&launch_lock);
  int sync_pipe[2] = { -1, -1 };
  int journal_pipe[2] = { -1, -1 };
  int error = 0;
  pid_t pid = -1;
  if (pipe2(sync_pipe, O_CLOEXEC) != 0 || pipe2(journal_pipe, O_CLOEXEC) != 0) {
    error = errno;
  } else {
    plan->sync_read_fd = sync_pipe[0];
    plan->journal_fd = journal_pipe[1];
    int64_t start = journal_now_ns();
    pid = clone(run_child, (char *)stack + CHILD_STACK_SIZE, (int)plan->clone_flags | SIGCHLD, plan);
    if (pid < 0) error = errno;
    result[RESULT_CLONE_START_NS] = start;
    result[RESULT_CLONE_NS] = journal_now_ns() - start;
  }
  if (sync_pipe[0] >= 0) close(sync_pipe[0]);
  if (journal_pipe[1] >= 0) close(journal_pipe[1]);
  if (pid < 0) {
    if (sync_pipe[1] >= 0) close(sync_pipe[1]);
    if (journal_pipe[0] >= 0) close(journal_pipe[0]);
  }
  pthread_mutex_unlock(&launch_lock);

  /* The child has its own copy of the stack and the plan (no CLONE_VM), so the parent's can go. */
  munmap(stack, CHILD_STACK_SIZE);
  free(plan);
  if (pid < 0) {
    result[RESULT_ERRNO] = error;
    return -1;
  }
  result[RESULT_PID] = pid;
  result[RESULT_SYNC_FD] = sync_pipe[1];
  result[RESULT_JOURNAL_FD] = journal_pipe[0];
  return 0;
}
