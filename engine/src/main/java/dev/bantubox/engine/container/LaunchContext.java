package dev.bantubox.engine.container;

import dev.bantubox.engine.plan.RootFilesystem;

import java.nio.file.Path;

/**
 * What a {@link LaunchHook} gets to know about the container it works for.
 *
 * @param record the container's record; hooks may add what they made to it before it is saved
 * @param spec   what was asked for
 * @param folder the container's folder on the host
 * @param root   where the root filesystem lives on the host: hooks may add files to its writable part
 */
public record LaunchContext(ContainerRecord record, RunSpec spec, Path folder, RootFilesystem root) {

    /** A context for clean-up of an existing container, whose root layout is not needed any more. */
    public LaunchContext(ContainerRecord record, RunSpec spec, Path folder) {
        this(record, spec, folder, null);
    }
}
