/*
 * Signals for a process that the engine did not start itself: the command that an exec's child forked
 * into the container's PID namespace. Only that child reaps it, so the engine cannot know from its own
 * waitpid() whether the pid is still the command's. A pidfd and a check of the parent make sure.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Returns the parent pid from /proc/PID/stat, or -1 with errno set (ENOENT once the pid is free). */
static long parent_of(int pid) {
  char path[32];
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char text[512];
  ssize_t length = read(fd, text, sizeof text - 1);
  int saved = errno;
  close(fd);
  if (length <= 0) {
    errno = length < 0 ? saved : ESRCH;
    return -1;
  }
  text[length] = '\0';
  /* "PID (COMM) STATE PPID ...": COMM may contain spaces and parentheses, so read after the last ')'. */
  const char *after_name = strrchr(text, ')');
  char state;
  long parent;
  if (after_name == NULL || sscanf(after_name + 1, " %c %ld", &state, &parent) != 2) {
    errno = EINVAL;
    return -1;
  }
  return parent;
}

/*
 * Sends signal to pid, but only while pid is a child of parent. The pidfd opened first refers to one
 * process for good. The engine passes a parent that forks only once (an exec's child), so a process
 * that got the pid after the command ended fails the parent check, and no recycled pid gets the signal.
 * Returns 0, -ESRCH when pid is gone or no longer parent's child, or -errno.
 */
int bb_signal_child_of(int pid, int parent, int signal) {
  int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
  if (pidfd < 0) return errno == ENOENT ? -ESRCH : -errno;
  int result = 0;
  long actual_parent = parent_of(pid);
  if (actual_parent != parent) {
    result = -ESRCH;
  } else if (syscall(SYS_pidfd_send_signal, pidfd, signal, NULL, 0) != 0) {
    result = -errno;
  }
  close(pidfd);
  return result;
}
