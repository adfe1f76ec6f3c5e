package dev.jrun.boot;

import java.lang.reflect.Constructor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The script's main method, chosen as the java launcher of the script's JDK chooses it: before
 * JDK 21, {@code public static void main(String[])}; from 21 on, also the forms of JEP 512 (final in
 * JDK 25, a preview in 21 to 24, which jrun runs without asking for the preview): a
 * {@code main(String[])} before a {@code main()}, static or not, any access but private; an
 * instance main gets an object made by the class's constructor without parameters.
 */
final class MainMethod {
    private final Class<?> type;
    private final Method method;
    private final int jdk;

    private MainMethod(Class<?> type, Method method, int jdk) {
        this.type = type;
        this.method = method;
        this.jdk = jdk;
    }

    static MainMethod of(String className, int jdk) {
        Class<?> type;
        try {
            type = Class.forName(className, false, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw fail("cannot load the main class " + className + " (" + e + "); run again with --fresh");
        }
        Method m = jdk < 21 ? classic(type) : find(type, String[].class);
        if (m == null && jdk >= 21) {
            m = find(type);
        }
        if (m == null) {
            throw fail(className + " has no main method JDK " + jdk + " can run; write public static void main(String[] args)"
                    + (jdk >= 21 ? " (or void main())" : ""));
        }
        // the script's class is usually not public, and neither is a JEP 512 main
        m.setAccessible(true);
        return new MainMethod(type, m, jdk);
    }

    /**
     * Calls it. Before JDK 18, through core reflection, which there calls natively and so starts
     * none of java.lang.invoke (milliseconds, for a script that uses no lambda early). From 18 on,
     * reflection is made of method handles anyway, and one of exactly main's type (String[] or
     * nothing; the object bound first) is one the JDK has ready made, where Method.invoke would
     * generate classes. Either way the script's exceptions come out as they are.
     */
    void invoke(String[] args) throws Throwable {
        // initialized first, as the java launcher does before it calls main (an error in a static
        // initializer shows the same), so that a handle needs no initialization check of its own
        Class.forName(type.getName(), true, type.getClassLoader());
        Object target = Modifier.isStatic(method.getModifiers()) ? null : newInstance();
        Object[] arguments = method.getParameterCount() == 0 ? new Object[0] : new Object[] {args};
        if (jdk < 18) {
            try {
                method.invoke(target, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return;
        }
        MethodHandle mh = MethodHandles.lookup().unreflect(method);
        if (target != null) {
            mh = mh.bindTo(target);
        }
        if (arguments.length == 0) {
            mh.invokeExact();
        } else {
            mh.invokeExact(args);
        }
    }

    private Object newInstance() throws Throwable {
        try {
            Constructor<?> c = type.getDeclaredConstructor();
            if (Modifier.isPrivate(c.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
                throw new NoSuchMethodException();
            }
            c.setAccessible(true);
            return c.newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause(); // the constructor's own exception
        } catch (NoSuchMethodException | InstantiationException e) {
            throw fail(type.getName() + ": its main method is not static, so it needs a constructor without parameters"
                    + " that is not private; add one, or make main static");
        }
    }

    /** Before JDK 21: public static void main(String[]), its own or inherited. */
    private static Method classic(Class<?> type) {
        try {
            Method m = type.getMethod("main", String[].class);
            return Modifier.isStatic(m.getModifiers()) && m.getReturnType() == void.class ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** A void main with these parameters, not private, declared or inherited. */
    private static Method find(Class<?> type, Class<?>... params) {
        for (Class<?> k = type; k != null; k = k.getSuperclass()) {
            try {
                Method m = k.getDeclaredMethod("main", params);
                if (!Modifier.isPrivate(m.getModifiers()) && m.getReturnType() == void.class) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // not declared here: try the superclass
            }
        }
        try {
            Method m = type.getMethod("main", params); // a default method of an interface
            return m.getReturnType() == void.class ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static NotRunnable fail(String message) {
        return new NotRunnable(message);
    }

    /** The script has no main method this JDK can run; the message says what to write. */
    static final class NotRunnable extends RuntimeException {
        NotRunnable(String message) {
            super(message, null, false, false);
        }
    }
}
