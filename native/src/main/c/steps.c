/*
 * The step interpreter. Everything here runs in the cloned child of a multithreaded JVM, so it calls
 * only async-signal-safe functions and system calls: no malloc, no stdio, no locks.
 */
#include "steps.h"
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define EXIT_STEP_FAILED 125
#define EXIT_NOT_EXECUTABLE 126
#define EXIT_NOT_FOUND 127

static const char *optional(const char *text) {
  return text[0] == '\0' ? NULL : text;
}

/* Installs the default action for every signal. The child starts with the JVM's handlers, which must
 * never run here; execve would reset handled signals but keep ignored ones ignored. */
static void reset_signal_dispositions(void) {
  struct sigaction default_action;
  memset(&default_action, 0, sizeof default_action);
  default_action.sa_handler = SIG_DFL;
  for (int signal_number = 1; signal_number < NSIG; signal_number++) {
    if (signal_number == SIGKILL || signal_number == SIGSTOP) continue;
    sigaction(signal_number, &default_action, NULL); /* glibc's own signals give EINVAL: fine */
  }
}

static long wait_for_parent(const struct plan *plan) {
  char go = 0;
  ssize_t got;
  do {
    got = read(plan->sync_read_fd, &go, 1);
  } while (got < 0 && errno == EINTR);
  if (got == 1 && go == 'g') return 0;
  if (got >= 0) errno = ECANCELED; /* the parent closed the pipe: it gave up on this container */
  return -1;
}

/* The program an open step opened for the execveat step: the descriptor keeps a host file usable after
 * the root has changed. A child that shares the JVM's memory (bb_launch with CLONE_VM) would write the
 * JVM's copy of this variable, so the engine never shares memory for a plan with an open step. */
static int held_program_fd = -1;

/* Closes every descriptor from 3 up except the journal and the held program. Both are O_CLOEXEC, so
 * they close at execve. */
static long close_stray_fds(const struct plan *plan) {
  int keep[2] = { plan->journal_fd, held_program_fd };
  if (keep[0] > keep[1]) {
    int swap = keep[0];
    keep[0] = keep[1];
    keep[1] = swap;
  }
  unsigned int next = 3;
  for (int i = 0; i < 2; i++) {
    if (keep[i] < 0 || (unsigned int)keep[i] < next) continue;
    if ((unsigned int)keep[i] > next && syscall(SYS_close_range, next, (unsigned int)keep[i] - 1, 0u) != 0) return -1;
    next = (unsigned int)keep[i] + 1;
  }
  return syscall(SYS_close_range, next, ~0u, 0u);
}

static long open_program(const char *path, int flags) {
  int fd = open(path, flags | O_CLOEXEC);
  if (fd < 0) return -1;
  if (held_program_fd >= 0) close(held_program_fd);
  held_program_fd = fd;
  return fd;
}

/* Empties the signal mask, or with block_for_init blocks every signal but the synchronous ones. The
 * mask survives execve: bantubox-init, as PID 1 of a PID namespace, would lose a SIGTERM that arrived
 * before it blocked the signals it waits for, because the kernel drops signals to such an init while
 * their action is the default; blocked signals stay pending instead. */
static long reset_signal_mask(int block_for_init) {
  sigset_t mask;
  if (!block_for_init) {
    sigemptyset(&mask);
    return sigprocmask(SIG_SETMASK, &mask, NULL);
  }
  sigfillset(&mask);
  const int synchronous[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS, SIGABRT };
  for (size_t i = 0; i < sizeof synchronous / sizeof synchronous[0]; i++) sigdelset(&mask, synchronous[i]);
  return sigprocmask(SIG_SETMASK, &mask, NULL);
}

static long link_up(const char *name) {
  int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (sock < 0) return -1;
  struct ifreq request;
  memset(&request, 0, sizeof request);
  strncpy(request.ifr_name, name, IFNAMSIZ - 1);
  long result = ioctl(sock, SIOCGIFFLAGS, &request);
  if (result == 0) {
    request.ifr_flags |= IFF_UP;
    result = ioctl(sock, SIOCSIFFLAGS, &request);
  }
  int saved = errno;
  close(sock);
  errno = saved;
  return result;
}

/* Waits for the forked child and ends with its status, so whoever waits for this process sees the
 * command's exit code (or 128 + signal). */
static void relay_child_status(pid_t child) {
  /* This process keeps no descriptor: it never execs, so O_CLOEXEC does not close the copies of the
   * JVM's descriptors it got at clone(). Kept open, they would delay the end-of-file of other pipes and
   * keep a pseudo-terminal's master open, so closing it would not hang the terminal up. The forked
   * child carries on with the journal and stdio. */
  syscall(SYS_close_range, 0u, ~0u, 0u);
  /* Ctrl-C and Ctrl-\ reach the whole foreground process group, the forked child included; this
   * process must outlive it to report its status. */
  struct sigaction ignore;
  memset(&ignore, 0, sizeof ignore);
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGINT, &ignore, NULL);
  sigaction(SIGQUIT, &ignore, NULL);
  int status;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) _exit(EXIT_STEP_FAILED);
  }
  if (WIFSIGNALED(status)) _exit(128 + WTERMSIG(status));
  _exit(WEXITSTATUS(status));
}

static const char *find_env(const char *const *envp, const char *name, size_t name_length) {
  for (; *envp != NULL; envp++) {
    if (strncmp(*envp, name, name_length) == 0 && (*envp)[name_length] == '=') return *envp + name_length + 1;
  }
  return NULL;
}

/* execve with a PATH search like execvp, on stack buffers only, or execveat of the held program.
 * Returns -1 with errno set; EACCES wins over ENOENT when some candidate existed but could not be run,
 * as the shell reports it. */
static long exec_command(const struct plan_step *step) {
  const char *argv[PLAN_MAX_ARGS + 1];
  size_t argument_count = (size_t)step->number;
  for (size_t i = 0; i < argument_count; i++) argv[i] = step->argv[1 + i];
  argv[argument_count] = NULL;
  const char *const *envp = &step->argv[1 + argument_count];
  const char *file = step->argv[0];

  if (step->op == OP_EXECVEAT) {
    if (held_program_fd < 0) {
      errno = EBADF;
      return -1;
    }
    /* An empty path with AT_EMPTY_PATH runs the file the descriptor refers to, wherever the root is now. */
    return syscall(SYS_execveat, held_program_fd, "", argv, envp, AT_EMPTY_PATH);
  }

  if (strchr(file, '/') != NULL) {
    execve(file, (char *const *)argv, (char *const *)envp);
    return -1;
  }

  const char *path = find_env(envp, "PATH", 4);
  if (path == NULL) path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  size_t file_length = strlen(file);
  int seen_eacces = 0;
  char candidate[4096];
  while (1) {
    const char *end = strchrnul(path, ':');
    size_t dir_length = (size_t)(end - path);
    if (dir_length + 1 + file_length + 1 <= sizeof candidate) {
      memcpy(candidate, path, dir_length);
      candidate[dir_length] = '/';
      memcpy(candidate + dir_length + 1, file, file_length + 1);
      execve(candidate, (char *const *)argv, (char *const *)envp);
      if (errno == EACCES) seen_eacces = 1;
      else if (errno != ENOENT && errno != ENOTDIR) return -1;
    }
    if (*end == '\0') break;
    path = end + 1;
  }
  errno = seen_eacces ? EACCES : ENOENT;
  return -1;
}

/* Writes text to an existing file in one write(2), as cgroup and proc files expect. */
static long write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t written = write(fd, text, strlen(text));
  int saved = errno;
  close(fd);
  errno = saved;
  return written < 0 ? -1 : (long)written;
}

static long run_step(const struct plan *plan, const struct plan_step *step, struct journal *journal) {
  const char *const *arg = step->argv;
  switch (step->op) {
    case OP_WAIT_FOR_PARENT: return wait_for_parent(plan);
    case OP_MOUNT:
      return mount(optional(arg[0]), arg[1], optional(arg[2]), (unsigned long)step->number, optional(arg[3]));
    case OP_UMOUNT2: return umount2(arg[0], (int)step->number);
    case OP_MKDIR: return mkdir(arg[0], (mode_t)step->number);
    case OP_MKNOD: return mknod(arg[0], (mode_t)step->number, (dev_t)step->number2);
    case OP_SYMLINK: return symlink(arg[0], arg[1]);
    case OP_CHDIR: return chdir(arg[0]);
    case OP_PIVOT_ROOT: return syscall(SYS_pivot_root, arg[0], arg[1]);
    case OP_CHROOT: return chroot(arg[0]);
    case OP_SETHOSTNAME: return sethostname(arg[0], strlen(arg[0]));
    case OP_SETNS: {
      int fd = open(arg[0], O_RDONLY | O_CLOEXEC);
      if (fd < 0) return -1;
      long result = setns(fd, (int)step->number);
      int saved = errno;
      close(fd);
      errno = saved;
      return result;
    }
    case OP_DUP2: return dup2((int)step->number, (int)step->number2);
    case OP_CLOSE_FDS: return close_stray_fds(plan);
    case OP_RESET_SIGNALS: return reset_signal_mask(step->number == 1);
    case OP_EXECVE: return exec_command(step);
    case OP_UMASK: return umask((mode_t)step->number);
    case OP_LINK_UP: return link_up(arg[0]);
    case OP_FORK: {
      journal_flush(journal); /* or both processes would write the records collected so far */
      /* The raw system call, not glibc's fork(): that runs the atfork handlers, which take locks (malloc's,
       * stdio's) that another JVM thread may have held when this process was cloned, and would wait forever. */
      return (pid_t)syscall(SYS_clone, (unsigned long)SIGCHLD, 0UL, 0UL, 0UL, 0UL);
    }
    case OP_SETSID: return setsid();
    case OP_SET_CTTY: return ioctl((int)step->number, TIOCSCTTY, 0);
    case OP_CHMOD: return chmod(arg[0], (mode_t)step->number);
    case OP_OPEN: return open_program(arg[0], (int)step->number);
    case OP_EXECVEAT: return exec_command(step);
    case OP_WRITE_FILE: return write_file(arg[0], arg[1]);
    default: errno = EINVAL; return -1;
  }
}

static int exit_code_for(const struct plan_step *step, int error) {
  if (step->op != OP_EXECVE && step->op != OP_EXECVEAT) return EXIT_STEP_FAILED;
  return error == ENOENT || error == ENOTDIR ? EXIT_NOT_FOUND : EXIT_NOT_EXECUTABLE;
}

int run_child(void *argument) {
  const struct plan *plan = argument;
  struct journal journal;
  journal_init(&journal, plan->journal_fd);
  /* The child starts with a copy of the parent's descriptor table. Its copy of the sync pipe's write
   * end would keep it waiting forever if the engine died before writing "go". */
  close(plan->sync_write_fd);
  close(plan->journal_read_fd);
  reset_signal_dispositions();
  for (uint32_t i = 0; i < plan->step_count; i++) {
    const struct plan_step *step = &plan->steps[i];
    int64_t start = journal_now_ns();
    if (step->op == OP_EXECVE || step->op == OP_EXECVEAT) journal_exec(&journal, (int)i, start);
    errno = 0;
    long result = run_step(plan, step, &journal);
    int error = result < 0 ? errno : 0;
    int64_t duration = journal_now_ns() - start;
    int tolerated = error == EEXIST && (step->flags & STEP_TOLERATE_EEXIST) != 0;
    /* Only the parent records a successful fork, because its result is the new process's pid in the
     * engine's PID namespace, which the engine needs to signal that process. The new process gets 0. */
    if (step->op == OP_FORK && result == 0) continue;
    journal_step(&journal, (int)i, result, error, start, duration);
    if (result < 0 && !tolerated) {
      journal_flush(&journal);
      _exit(exit_code_for(step, error));
    }
    if (step->op == OP_FORK) {
      journal_flush(&journal);
      relay_child_status((pid_t)result);
    }
  }
  journal_flush(&journal);
  _exit(EXIT_STEP_FAILED); /* a plan always ends in execve; reaching here is an engine bug */
}
