package dev.bantubox.engine.kernel;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The "top of directory hierarchies" attribute of ext2, ext3 and ext4 ({@code chattr +T},
 * FS_TOPDIR_FL). ext4 places a folder made inside a folder with this attribute in a block group it
 * picks among the emptier ones, as it does for folders at the root of the filesystem. Without the
 * attribute, a new folder goes to its parent's group when that group has room. Other filesystems
 * have no such attribute.
 */
public final class TopDirectoryFlag {
    private static final Logger LOG = Logger.getLogger(TopDirectoryFlag.class.getName());
    /** _IOR('f', 1, long) and _IOW('f', 2, long) from linux/fs.h. The kernel reads and writes an int. */
    private static final long FS_IOC_GETFLAGS = 0x80086601L;
    private static final long FS_IOC_SETFLAGS = 0x40086602L;
    private static final int FS_TOPDIR_FL = 0x00020000;
    private static final int O_DIRECTORY = 0200000;

    private TopDirectoryFlag() {
    }

    /**
     * Sets the attribute on folder. Returns false, and logs why at FINE, when its filesystem has no
     * such attribute or the call fails. Callers go on either way, because the attribute only changes
     * where new inodes go.
     */
    public static boolean set(Path folder) {
        LibC libc = NativeLibraries.get().libc();
        int fd = libc.open(folder.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC | O_DIRECTORY);
        if (fd < 0) {
            return failed(folder, "open", NativeLibraries.get().lastErrno());
        }
        try {
            int[] flags = new int[1];
            if (libc.ioctl(fd, FS_IOC_GETFLAGS, flags) < 0) {
                return failed(folder, "FS_IOC_GETFLAGS", NativeLibraries.get().lastErrno());
            }
            if ((flags[0] & FS_TOPDIR_FL) != 0) {
                return true;
            }
            flags[0] |= FS_TOPDIR_FL;
            if (libc.ioctl(fd, FS_IOC_SETFLAGS, flags) < 0) {
                return failed(folder, "FS_IOC_SETFLAGS", NativeLibraries.get().lastErrno());
            }
            return true;
        } finally {
            libc.close(fd);
        }
    }

    /** Returns whether folder has the attribute, and false when its filesystem has no such attribute. */
    public static boolean isSet(Path folder) {
        LibC libc = NativeLibraries.get().libc();
        int fd = libc.open(folder.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC | O_DIRECTORY);
        if (fd < 0) {
            return false;
        }
        try {
            int[] flags = new int[1];
            return libc.ioctl(fd, FS_IOC_GETFLAGS, flags) == 0 && (flags[0] & FS_TOPDIR_FL) != 0;
        } finally {
            libc.close(fd);
        }
    }

    private static boolean failed(Path folder, String call, int errno) {
        LOG.log(Level.FINE, call + " on " + folder + ": " + Errno.name(errno)
                + "; its filesystem keeps placing new folders next to their parent");
        return false;
    }
}
