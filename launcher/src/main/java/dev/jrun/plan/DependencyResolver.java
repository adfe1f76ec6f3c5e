package dev.jrun.plan;

/** Turns a script's //DEPS and //REPOS into jars on its class path. */
public interface DependencyResolver {

    Resolution resolve(Plan.Inputs inputs, BuildOptions options);
}
