package dev.bantubox.engine.container;

import dev.bantubox.engine.kernel.LaunchedChild;
import dev.bantubox.engine.plan.Step;

import java.util.List;

/**
 * Parent-side work around a launch, such as cgroups and network links. The engine calls every hook
 * in order; the child is created between {@link #beforeClone} and {@link #beforeGo}, and does nothing
 * of its own before every hook's beforeGo has returned.
 */
public interface LaunchHook {

    /** Prepares on the host before clone(); the child does not exist yet. */
    default void beforeClone(LaunchContext context) {
    }

    /**
     * Returns steps the child runs itself right after the go-signal, before any other step. Called
     * after every hook's beforeClone.
     */
    default List<Step> childSteps(LaunchContext context) {
        return List.of();
    }

    /** Works on the cloned child while it waits on the sync pipe (join cgroups, move links in). */
    default void beforeGo(LaunchContext context, LaunchedChild child) {
    }

    /**
     * Undoes what this hook made, once the container's command has ended or its launch failed. Called
     * even when beforeClone or beforeGo did not run or failed, so it must cope with half-made state.
     */
    default void afterExit(LaunchContext context) {
    }
}
