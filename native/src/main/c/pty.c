/*
 * Pseudo-terminals for exec, and the terminal calls the bantubox command needs for `exec -it`: raw mode
 * and window sizes. The engine calls these from ordinary Java threads, never from a cloned child.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <unistd.h>

/* Slots of the result array that bb_open_pty fills in. */
enum pty_result {
  PTY_MASTER = 0,
  PTY_SLAVE = 1,
  PTY_ERRNO = 2,
  PTY_SLOTS = 3
};

int bb_pty_result_slots(void) {
  return PTY_SLOTS;
}

static int valid_size(int columns, int rows) {
  return columns > 0 && columns <= UINT16_MAX && rows > 0 && rows <= UINT16_MAX;
}

static int apply_window_size(int fd, int columns, int rows) {
  struct winsize size;
  memset(&size, 0, sizeof size);
  size.ws_col = (unsigned short)columns;
  size.ws_row = (unsigned short)rows;
  return ioctl(fd, TIOCSWINSZ, &size);
}

static int start_result(int columns, int rows, int *result) {
  result[PTY_MASTER] = -1;
  result[PTY_SLAVE] = -1;
  result[PTY_ERRNO] = 0;
  if (valid_size(columns, rows)) return 0;
  result[PTY_ERRNO] = EINVAL;
  return -1;
}

/* Sets the window size and fills in result, or closes both ends and reports errno. slave < 0 means
 * that opening it failed with errno. */
static int finish_pty(int master, int slave, int columns, int rows, int *result) {
  if (slave < 0 || apply_window_size(master, columns, rows) != 0) {
    result[PTY_ERRNO] = errno;
    if (slave >= 0) close(slave);
    close(master);
    return -1;
  }
  result[PTY_MASTER] = master;
  result[PTY_SLAVE] = slave;
  return 0;
}

/*
 * Opens a new pseudo-terminal of columns x rows on the host's /dev/ptmx. Returns 0 with the master and
 * slave descriptors in result, or -1 with errno in result[PTY_ERRNO]. Both ends are O_CLOEXEC, so no
 * program the engine starts inherits them by accident, and O_NOCTTY, so the engine never takes the
 * slave as its own controlling terminal. The exec child receives the slave through dup2, which clears
 * O_CLOEXEC.
 */
int bb_open_pty(int columns, int rows, int *result) {
  if (start_result(columns, rows, result) != 0) return -1;
  int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) {
    result[PTY_ERRNO] = errno;
    return -1;
  }
  char name[64];
  int slave = -1;
  /* grantpt does nothing on devpts, but POSIX requires it before unlockpt. */
  if (grantpt(master) == 0 && unlockpt(master) == 0 && ptsname_r(master, name, sizeof name) == 0) {
    slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  }
  return finish_pty(master, slave, columns, rows, result);
}

/* Opens dev/pts/ptmx below the root of process root_pid for reading and writing, or returns -1 with
 * errno set (ENODEV when the file there is no ptmx device). */
static int open_container_ptmx(int root_pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/root", root_pid);
  int root = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (root < 0) return -1;

  /* RESOLVE_IN_ROOT resolves every symlink and ".." as if root were "/", so a symlink that the
   * container put on the path cannot lead to a host file. */
  struct open_how how;
  memset(&how, 0, sizeof how);
  how.flags = O_PATH | O_CLOEXEC;
  how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
  int node = (int)syscall(SYS_openat2, root, "dev/pts/ptmx", &how, sizeof how);
  int saved = errno;
  close(root);
  if (node < 0) {
    errno = saved;
    return -1;
  }

  /* The O_PATH descriptor lets the file be checked before anything opens it for reading and writing,
   * which some devices act on. Only the ptmx device (5, 2) of the container's devpts passes. */
  struct stat status;
  if (fstat(node, &status) != 0 || !S_ISCHR(status.st_mode) || major(status.st_rdev) != 5
      || minor(status.st_rdev) != 2) {
    close(node);
    errno = ENODEV;
    return -1;
  }

  snprintf(path, sizeof path, "/proc/self/fd/%d", node);
  int master = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
  saved = errno;
  close(node);
  errno = saved;
  return master;
}

/*
 * Opens a new pseudo-terminal in the devpts instance that the container of root_pid has on its
 * /dev/pts, as container engines do. Inside the container the slave is then /dev/pts/N, which tty and
 * ttyname() find; a host pty is no file in the container's /dev/pts. TIOCGPTPEER opens the
 * slave from the master without a path, because /dev/pts/N only exists in the container's mount
 * namespace. Returns like bb_open_pty.
 */
int bb_open_container_pty(int root_pid, int columns, int rows, int *result) {
  if (start_result(columns, rows, result) != 0) return -1;
  int master = open_container_ptmx(root_pid);
  if (master < 0) {
    result[PTY_ERRNO] = errno;
    return -1;
  }
  int slave = -1;
  if (unlockpt(master) == 0) {
    slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
  }
  return finish_pty(master, slave, columns, rows, result);
}

/* Sets the window size of the terminal behind fd (a pty master). The kernel then sends SIGWINCH to the
 * terminal's foreground process group. Returns 0 or -errno. */
int bb_set_window_size(int fd, int columns, int rows) {
  if (!valid_size(columns, rows)) return -EINVAL;
  return apply_window_size(fd, columns, rows) == 0 ? 0 : -errno;
}

/* Reads the window size of the terminal behind fd into size[0] (columns) and size[1] (rows). Returns 0
 * or -errno (ENOTTY when fd is no terminal). */
int bb_window_size(int fd, int *size) {
  struct winsize window;
  if (ioctl(fd, TIOCGWINSZ, &window) != 0) return -errno;
  size[0] = window.ws_col;
  size[1] = window.ws_row;
  return 0;
}

/* Waits until fd is ready for events or wake_fd is readable. Returns 1 when fd is ready, 0 when
 * wake_fd was signalled, or -errno. */
static int await_ready(int fd, short events, int wake_fd) {
  struct pollfd watched[2] = {
    { .fd = fd, .events = events, .revents = 0 },
    { .fd = wake_fd, .events = POLLIN, .revents = 0 },
  };
  while (poll(watched, 2, -1) < 0) {
    if (errno != EINTR) return -errno;
  }
  if (watched[1].revents != 0) return 0;
  return 1;
}

/*
 * Reads up to length bytes from fd, waiting until data arrives or wake_fd (an eventfd) becomes readable.
 * Returns the byte count, 0 at end-of-file or when woken, or -errno. Another thread may close fd only
 * after the wake, so no read is ever blocked on a descriptor number that could be reused.
 * A pty master reports EIO once no process has the slave open any more: that is its end-of-file.
 */
long bb_read_unless_woken(int fd, int wake_fd, uint8_t *buffer, size_t length) {
  while (1) {
    int ready = await_ready(fd, POLLIN, wake_fd);
    if (ready <= 0) return ready;
    ssize_t count = read(fd, buffer, length);
    if (count >= 0) return (long)count;
    if (errno == EIO) return 0;
    if (errno != EINTR && errno != EAGAIN) return -errno;
  }
}

/* Writes all length bytes to fd unless wake_fd becomes readable first. Returns the bytes written (less
 * than length only when woken), or -errno. */
long bb_write_unless_woken(int fd, int wake_fd, const uint8_t *buffer, size_t length) {
  size_t written = 0;
  while (written < length) {
    int ready = await_ready(fd, POLLOUT, wake_fd);
    if (ready < 0) return ready;
    if (ready == 0) break;
    ssize_t count = write(fd, buffer + written, length - written);
    if (count > 0) {
      written += (size_t)count;
    } else if (count < 0 && errno != EINTR && errno != EAGAIN) {
      return -errno;
    }
  }
  return (long)written;
}

int bb_termios_size(void) {
  return (int)sizeof(struct termios);
}

/*
 * Saves the settings of the terminal behind fd into saved (bb_termios_size() bytes) and switches it to
 * raw mode: no echo, no line editing, no signals from Ctrl-C or Ctrl-Z and no output processing. Every
 * byte then goes to the program on the other side unchanged. Returns 0 or -errno.
 */
int bb_enter_raw_mode(int fd, uint8_t *saved) {
  struct termios settings;
  if (tcgetattr(fd, &settings) != 0) return -errno;
  memcpy(saved, &settings, sizeof settings);
  cfmakeraw(&settings);
  return tcsetattr(fd, TCSANOW, &settings) == 0 ? 0 : -errno;
}

/* Restores settings that bb_enter_raw_mode saved. TCSADRAIN lets pending output finish with the raw
 * settings it was written for. Returns 0 or -errno. */
int bb_restore_terminal(int fd, const uint8_t *saved) {
  struct termios settings;
  memcpy(&settings, saved, sizeof settings);
  return tcsetattr(fd, TCSADRAIN, &settings) == 0 ? 0 : -errno;
}
