#!/usr/bin/env python3
"""Records what busybox sh, top and vi print under a pseudo-terminal of 80x24 cells.

The terminal widget's tests replay these recordings. Each scenario is a folder of numbered steps;
a step's file contains every byte the program printed after that step's keys were typed.
Run as root from the repository root: python3 scripts/record-terminal-captures.py
"""
import fcntl
import os
import pty
import select
import shutil
import struct
import sys
import tempfile
import termios
import time

BUSYBOX = "/bin/busybox"
COLUMNS, ROWS = 80, 24
OUTPUT = "gui/src/test/resources/dev/bantubox/gui/terminal/captures"
KEY_GAP_SECONDS = 0.05


def read_for(fd, seconds):
    """Returns what the program printed within seconds, or less if it closed the terminal."""
    output = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.02)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    return output


def record(name, argv, steps, cwd):
    """Runs argv under a new pseudo-terminal and writes one file per (step, keys, wait) entry."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execve(argv[0], argv, {"TERM": "xterm", "HOME": cwd, "PATH": "/bin:/usr/bin", "LANG": "C.UTF-8"})
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    folder = os.path.join(OUTPUT, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    try:
        for number, (step, keys, wait) in enumerate(steps):
            output = b""
            for key in keys:
                os.write(fd, key)
                output += read_for(fd, KEY_GAP_SECONDS)
            output += read_for(fd, wait)
            with open(os.path.join(folder, "%02d-%s.out" % (number, step)), "wb") as file:
                file.write(output)
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)


def typed(text):
    return [bytes([b]) for b in text.encode()]


def main():
    if not os.path.exists(BUSYBOX):
        sys.exit("%s is missing: install the busybox-static package" % BUSYBOX)
    work = tempfile.mkdtemp(prefix="bantubox-captures-")
    try:
        with open(os.path.join(work, "notes.txt"), "w") as notes:
            notes.write("first line\nsecond line\nthird line\n")
        # The shell's line editor: a command echoed as typed, an edit in the middle of a line
        # (left arrow, insert), and a recalled history line (up arrow).
        record("sh", [BUSYBOX, "sh"], [
            ("start", [], 1.0),
            ("echo", typed("echo hello terminal\r"), 0.5),
            ("edit", typed("echo abc") + [b"\x1b[D", b"\x1b[D", b"X", b"\r"], 0.5),
            ("history", [b"\x1b[A"], 0.3),
            ("run-again", [b"\r"], 0.5),
        ], "/")
        # top in a new PID namespace, so the list shows its own process only and no host command lines.
        record("top-once", ["/usr/bin/unshare", "--pid", "--fork", "--mount-proc", BUSYBOX, "top", "-n", "1"],
               [("run", [], 1.5)], work)
        record("top", ["/usr/bin/unshare", "--pid", "--fork", "--mount-proc", BUSYBOX, "top", "-d", "1"], [
            ("start", [], 0.5),
            ("refresh", [], 1.2),
            ("quit", [b"q"], 0.5),
        ], work)
        record("vi", [BUSYBOX, "vi", "notes.txt"], [
            ("start", [], 1.0),
            ("append", [b"j", b"A"] + typed(" added") + [b"\x1b"], 0.5),
            ("delete-line", [b"G", b"d", b"d"], 0.5),
            ("command", typed(":q!"), 0.3),
            ("quit", [b"\r"], 0.5),
        ], work)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
