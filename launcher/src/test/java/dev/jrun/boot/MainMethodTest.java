package dev.jrun.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which main method ScriptMain runs on which JDK, as that JDK's java launcher would choose it. */
class MainMethodTest {
    static final List<String> CALLS = new ArrayList<>();

    @BeforeEach
    void clear() {
        CALLS.clear();
    }

    public static class Classic {
        public static void main(String[] args) {
            CALLS.add("classic " + args.length);
        }
    }

    static class PackagePrivateStatic {
        static void main(String[] args) {
            CALLS.add("package-private static");
        }
    }

    static class Instance {
        void main() {
            CALLS.add("instance, no arguments");
        }
    }

    static class Both {
        void main() {
            CALLS.add("no arguments");
        }

        static void main(String[] args) {
            CALLS.add("with arguments");
        }
    }

    static class PrivateConstructor {
        private PrivateConstructor() {
        }

        void main(String[] args) {
            CALLS.add("never");
        }
    }

    static class Inherits extends Instance {
    }

    private static void run(Class<?> type, int jdk, String... args) throws Throwable {
        MainMethod.of(type.getName(), jdk).invoke(args);
    }

    @Test
    void beforeJdk21OnlyPublicStaticMainWithArguments() throws Throwable {
        run(Classic.class, 17, "a", "b");
        assertEquals(List.of("classic 2"), CALLS);
        for (Class<?> c : List.of(PackagePrivateStatic.class, Instance.class)) {
            MainMethod.NotRunnable e = assertThrows(MainMethod.NotRunnable.class, () -> run(c, 17));
            assertEquals(c.getName() + " has no main method JDK 17 can run; write public static void main(String[] args)",
                    e.getMessage());
        }
    }

    @Test
    void fromJdk21TheFormsOfJep512() throws Throwable {
        run(PackagePrivateStatic.class, 25);
        run(Instance.class, 21);
        run(Both.class, 25);
        run(Inherits.class, 25);
        assertEquals(List.of("package-private static", "instance, no arguments", "with arguments", "instance, no arguments"),
                CALLS);
        MainMethod.NotRunnable e = assertThrows(MainMethod.NotRunnable.class, () -> run(PrivateConstructor.class, 25));
        assertTrue(e.getMessage().contains("needs a constructor without parameters"), e.getMessage());
        assertEquals(List.of("package-private static", "instance, no arguments", "with arguments", "instance, no arguments"),
                CALLS);
    }

    static class Throws {
        public static void main(String[] args) throws IOException {
            throw new IOException("the script's own");
        }
    }

    @Test
    void theScriptsExceptionComesOutAsItIs() {
        IOException e = assertThrows(IOException.class, () -> run(Throws.class, 17)); // not wrapped
        assertEquals("the script's own", e.getMessage());
        assertEquals(Throws.class.getName(), e.getStackTrace()[0].getClassName());
    }

    @Test
    void trimmingDropsOnlyTheLauncherFramesAtTheBottom() {
        RuntimeException e = new RuntimeException("x");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("dev.jrun.boot.Other", "f", null, 1),
            new StackTraceElement("hello", "main", "hello.java", 3),
            new StackTraceElement("java.lang.invoke.LambdaForm$DMH", "invokeStatic", null, -1),
            new StackTraceElement("dev.jrun.boot.MainMethod", "invoke", "MainMethod.java", 60),
            new StackTraceElement("dev.jrun.boot.ScriptMain", "main", "ScriptMain.java", 40)});
        RuntimeException cause = new RuntimeException("cause");
        cause.setStackTrace(new StackTraceElement[] {new StackTraceElement("dev.jrun.boot.ScriptMain", "main", null, 1)});
        e.initCause(cause);
        ScriptMain.trimmed(e);
        assertArrayEquals(new StackTraceElement[] {new StackTraceElement("dev.jrun.boot.Other", "f", null, 1),
            new StackTraceElement("hello", "main", "hello.java", 3)}, e.getStackTrace());
        assertEquals(0, cause.getStackTrace().length);
    }
}
