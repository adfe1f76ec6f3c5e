/**
 * The first classes of a script's JVM, copied from jrun.jar into every cache entry's app.jar:
 * {@link dev.jrun.boot.ScriptMain} is the entry's main class. They use nothing of jrun's and only
 * what Java 17 has, since they run on the script's JDK, in the script's process.
 */
package dev.jrun.boot;
