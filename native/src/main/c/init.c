/*
 * bantubox-init: a minimal init for a container's PID 1 (run --init).
 *
 * The kernel makes PID 1 of a PID namespace the new parent of every orphaned process in it, and delivers
 * a signal to that PID 1 only if it has installed a handler for it. A command that was not written to be
 * an init reaps no orphans (they stay zombies, shown as <defunct>) and ignores SIGTERM. This init starts
 * the command as its child, forwards every signal it receives to it, reaps every child it gets, and
 * exits with the command's status (128 + signal when a signal ended it) as soon as the command ends.
 * The kernel then kills what is left in the namespace.
 *
 * Usage: bantubox-init COMMAND [ARGUMENT...]; COMMAND is searched in PATH. The engine runs it through a
 * descriptor opened on the host (execveat), so it is linked statically: the image may have no libc.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define EXIT_INIT_FAILED 125
#define EXIT_NOT_EXECUTABLE 126
#define EXIT_NOT_FOUND 127

/* Signals that report a fault of this process; blocking them would hide a crash. */
static const int SYNCHRONOUS_SIGNALS[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS, SIGABRT };

static int exit_code_of(int status) {
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

static void run_command(char **command) {
  /* The engine started this init with its signals blocked already; the command gets none blocked. */
  sigset_t empty;
  sigemptyset(&empty);
  sigprocmask(SIG_SETMASK, &empty, NULL);
  execvp(command[0], command);
  int error = errno;
  fprintf(stderr, "bantubox-init: cannot run '%s': %s\n", command[0], strerror(error));
  _exit(error == ENOENT || error == ENOTDIR ? EXIT_NOT_FOUND : EXIT_NOT_EXECUTABLE);
}

/* Reaps every child that has ended. Returns the command's exit code once it is among them, else -1. */
static int reap_children(pid_t command) {
  int command_exit = -1;
  int status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    if (pid == command) command_exit = exit_code_of(status);
  }
  return command_exit;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bantubox-init COMMAND [ARGUMENT...]\n");
    return EXIT_INIT_FAILED;
  }
  /* Without a PID namespace this is not PID 1; as a subreaper it still gets the orphans of its command. */
  if (getpid() != 1 && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
    fprintf(stderr, "bantubox-init: cannot become a subreaper: %s\n", strerror(errno));
  }

  /* Blocked signals stay pending until sigwaitinfo() takes them, so none is lost between fork and wait. */
  sigset_t waited;
  sigfillset(&waited);
  for (size_t i = 0; i < sizeof SYNCHRONOUS_SIGNALS / sizeof SYNCHRONOUS_SIGNALS[0]; i++) {
    sigdelset(&waited, SYNCHRONOUS_SIGNALS[i]);
  }
  sigprocmask(SIG_BLOCK, &waited, NULL);

  pid_t command = fork();
  if (command < 0) {
    fprintf(stderr, "bantubox-init: cannot fork: %s\n", strerror(errno));
    return EXIT_INIT_FAILED;
  }
  if (command == 0) run_command(argv + 1);

  while (1) {
    siginfo_t info;
    int signal_number = sigwaitinfo(&waited, &info);
    if (signal_number < 0) {
      if (errno == EINTR) continue;
      fprintf(stderr, "bantubox-init: cannot wait for signals: %s\n", strerror(errno));
      return EXIT_INIT_FAILED;
    }
    if (signal_number != SIGCHLD) {
      kill(command, signal_number);
      continue;
    }
    int command_exit = reap_children(command);
    if (command_exit >= 0) return command_exit;
  }
}
