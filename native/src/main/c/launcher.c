/*
 * libbantubox's entry points for the engine (loaded with jnr-ffi).
 *
 * bb_launch parses the plan, creates the sync and journal pipes, and clones the child on a stack of
 * its own. The child blocks on the sync pipe until the engine has done its parent-side work and
 * written "g". Then it runs the plan's steps.
 *
 * bb_spawn starts a helper program (bantubox-shim) with chosen descriptors as its 0, 1, 2, ...
 */
#include "journal.h"
#include "plan.h"
#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHILD_STACK_SIZE (1024 * 1024)
#define SPAWN_MAX_FDS 16
#define SPAWN_MAX_ARGS 64

/* Slots of the result array that bb_launch fills in. */
enum launch_result {
  RESULT_PID = 0,
  RESULT_SYNC_FD = 1,
  RESULT_JOURNAL_FD = 2,
  RESULT_ERRNO = 3,
  RESULT_BAD_STEP = 4,
  RESULT_CLONE_START_NS = 5,
  RESULT_CLONE_NS = 6,
  RESULT_HANDLE = 7,
  RESULT_SLOTS = 8
};

/* The memory a child runs on: its stack and its parsed plan. With a shared address space the parent
 * may free it only once the child has left that address space (execve or exit). */
struct launch_memory {
  void *stack;
  struct plan *plan;
};

static void release_memory(struct launch_memory *memory) {
  if (memory->stack != NULL) munmap(memory->stack, CHILD_STACK_SIZE);
  if (memory->plan != NULL) free(memory->plan->owned_bytes);
  free(memory->plan);
  free(memory);
}

/* Launches are serialised: a child cloned while another launch's pipes are open would inherit their
 * write ends, and the other launch would then wait for that child's execve before it saw end-of-file. */
static pthread_mutex_t launch_lock = PTHREAD_MUTEX_INITIALIZER;

int bb_result_slots(void) {
  return RESULT_SLOTS;
}

/* Frees the memory of a launch whose child has run execve or exited (see bb_launch). */
void bb_release(int64_t handle) {
  if (handle != 0 && handle != -1) release_memory((struct launch_memory *)(intptr_t)handle);
}

/*
 * Launches the plan. Returns 0 with pid and descriptors in result, or -1 with errno in
 * result[RESULT_ERRNO] (EINVAL with result[RESULT_BAD_STEP] for a malformed plan).
 *
 * With share_memory set the child is cloned with CLONE_VM, as posix_spawn does: it runs in the JVM's
 * address space on its own stack, so clone() copies no page tables and execve() has no copy to tear
 * down, which makes a launch several milliseconds faster. The child then writes only its own stack
 * and errno, which sits in the thread-local storage of the thread that called bb_launch: a failing
 * call on that thread could, in a narrow window, read the child's errno instead of its own. The plan
 * and stack must outlive the child's use of them, so the caller gets a handle in
 * result[RESULT_HANDLE] and passes it to bb_release once the journal pipe reached end-of-file (the
 * kernel releases the old address space at execve and at exit before it closes descriptors) or the
 * child was reaped. A plan with a fork step must not share memory: the forking process would keep
 * running on the stack after the journal closes.
 */
int bb_launch(const uint8_t *buffer, size_t length, int share_memory, int64_t *result) {
  for (int i = 0; i < RESULT_SLOTS; i++) result[i] = -1;
  result[RESULT_ERRNO] = 0;

  struct launch_memory *memory = calloc(1, sizeof *memory);
  struct plan *plan = calloc(1, sizeof *plan);
  /* The plan points into the caller's buffer, which jnr-ffi frees when this call returns. */
  uint8_t *plan_bytes = malloc(length > 0 ? length : 1);
  if (memory == NULL || plan == NULL || plan_bytes == NULL) {
    free(memory);
    free(plan);
    free(plan_bytes);
    result[RESULT_ERRNO] = ENOMEM;
    return -1;
  }
  memcpy(plan_bytes, buffer, length);
  plan->owned_bytes = plan_bytes;
  memory->plan = plan;
  int bad_step;
  if (plan_parse(plan_bytes, length, plan, &bad_step) != 0) {
    release_memory(memory);
    result[RESULT_ERRNO] = EINVAL;
    result[RESULT_BAD_STEP] = bad_step;
    return -1;
  }

  void *stack = mmap(NULL, CHILD_STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) {
    result[RESULT_ERRNO] = errno;
    release_memory(memory);
    return -1;
  }
  memory->stack = stack;
  int share_flag = share_memory ? CLONE_VM : 0;

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
    plan->sync_write_fd = sync_pipe[1];
    plan->journal_read_fd = journal_pipe[0];
    int64_t start = journal_now_ns();
    pid = clone(run_child, (char *)stack + CHILD_STACK_SIZE, (int)plan->clone_flags | share_flag | SIGCHLD, plan);
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

  if (pid < 0) {
    release_memory(memory);
    result[RESULT_ERRNO] = error;
    return -1;
  }
  if (!share_memory) {
    /* The child has its own copy of the stack and the plan, so the parent's can go now. */
    release_memory(memory);
    memory = NULL;
  }
  result[RESULT_HANDLE] = (int64_t)(intptr_t)memory;
  result[RESULT_PID] = pid;
  result[RESULT_SYNC_FD] = sync_pipe[1];
  result[RESULT_JOURNAL_FD] = journal_pipe[0];
  return 0;
}

/* Splits count NUL-terminated strings packed in args into argv. Returns 0, or -1 when they overrun length. */
static int unpack_arguments(const char *args, size_t length, int count, char **argv) {
  size_t at = 0;
  for (int i = 0; i < count; i++) {
    if (at >= length) return -1;
    const char *end = memchr(args + at, '\0', length - at);
    if (end == NULL) return -1;
    argv[i] = (char *)(args + at);
    at = (size_t)(end - args) + 1;
  }
  argv[count] = NULL;
  return 0;
}

/* Starts program with the count arguments packed in args (argv[0] first, each NUL-terminated), an empty
 * environment, default signal handling and an empty signal mask. The child gets fds[i] as descriptor i;
 * every other descriptor of the engine is O_CLOEXEC or closed by the program itself. new_session != 0
 * runs it in a new session (setsid), detached from the engine's terminal and process group.
 * Returns the pid, or -errno. */
int bb_spawn(const char *program, const char *args, size_t length, int count, const int *fds, int fd_count,
             int new_session) {
  if (count < 1 || count > SPAWN_MAX_ARGS || fd_count < 0 || fd_count > SPAWN_MAX_FDS) return -EINVAL;
  char *argv[SPAWN_MAX_ARGS + 1];
  if (unpack_arguments(args, length, count, argv) != 0) return -EINVAL;

  /* Copies above every target number first, so that one dup2 can never overwrite the source of another. */
  int sources[SPAWN_MAX_FDS];
  int error = 0;
  int made = 0;
  for (; made < fd_count; made++) {
    sources[made] = fcntl(fds[made], F_DUPFD_CLOEXEC, SPAWN_MAX_FDS);
    if (sources[made] < 0) {
      error = errno;
      break;
    }
  }

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attributes);
  pid_t pid = -1;
  if (error == 0) {
    for (int i = 0; i < fd_count && error == 0; i++) error = posix_spawn_file_actions_adddup2(&actions, sources[i], i);
  }
  if (error == 0) {
    sigset_t every;
    sigset_t none;
    sigfillset(&every);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attributes, &every);
    posix_spawnattr_setsigmask(&attributes, &none);
    short flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
    if (new_session) flags |= POSIX_SPAWN_SETSID;
    posix_spawnattr_setflags(&attributes, flags);
    char *environment[] = { NULL };
    error = posix_spawn(&pid, program, &actions, &attributes, argv, environment);
  }
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  for (int i = 0; i < made; i++) close(sources[i]);
  return error != 0 ? -error : pid;
}
