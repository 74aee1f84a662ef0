package dev.bantubox.engine.cgroup;

import java.nio.file.Path;
import java.util.List;

/** Passes every change to the cgroup files on and records it, failed or not, in a journal. Reads are not recorded. */
final class JournalingCgroupFiles implements CgroupFiles {
    private final CgroupFiles files;
    private final CgroupJournal journal;

    JournalingCgroupFiles(CgroupFiles files, CgroupJournal journal) {
        this.files = files;
        this.journal = journal;
    }

    @Override
    public void makeDirectory(Path directory) {
        record("mkdir", directory, null, 0, () -> files.makeDirectory(directory));
    }

    @Override
    public void removeDirectory(Path directory) {
        record("rmdir", directory, null, 0, () -> files.removeDirectory(directory));
    }

    @Override
    public void write(Path file, String value) {
        record("write", file, value, value.length(), () -> files.write(file, value));
    }

    @Override
    public String read(Path file) {
        return files.read(file);
    }

    @Override
    public boolean exists(Path path) {
        return files.exists(path);
    }

    @Override
    public List<Path> childDirectories(Path directory) {
        return files.childDirectories(directory);
    }

    private void record(String operation, Path path, String value, long success, Runnable call) {
        long start = System.nanoTime();
        try {
            call.run();
        } catch (CgroupException failure) {
            journal.record(CgroupException.describe(operation, path, value), -1, failure.errno(), start,
                    System.nanoTime() - start);
            throw failure;
        }
        journal.record(CgroupException.describe(operation, path, value), success, "0", start, System.nanoTime() - start);
    }
}
