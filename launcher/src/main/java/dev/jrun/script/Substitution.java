package dev.jrun.script;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Fills in {@code ${name}}, {@code ${name:default}} and {@code ${env.NAME}} in //DEPS, //REPOS and
 * //MANIFEST, JBang's syntax. {@code name} is a {@code -D} property given on jrun's command line, a
 * system property of the builder's JVM or one of the
 * {@code os.detected.*} properties that the os-maven-plugin defines (name, arch, classifier,
 * bitness, and JBang's jfxname), so that a native classifier need not be written for one platform.
 * Every environment variable and command-line property read is remembered, with its value, so that
 * the cache entry is rebuilt when it changes.
 */
public final class Substitution {
    private final Map<String, String> env;
    private final Properties props;
    private final Map<String, String> defines;
    /** The environment variables read, and the value each had (null: unset). */
    private final Map<String, String> used = new TreeMap<>();
    /** The command-line properties looked up, and the value each had (null: not given). */
    private final Map<String, String> definesUsed = new TreeMap<>();

    /** @param defines the {@code -D name=value} properties of jrun's command line (they win) */
    public Substitution(Map<String, String> env, Properties system, Map<String, String> defines) {
        this.env = env;
        this.props = new Properties();
        this.props.putAll(system);
        this.defines = defines;
        osDetected(system, props);
    }

    /** The environment variables substitution read, with the values they had (null: unset). */
    public Map<String, String> envUsed() {
        return used;
    }

    /** The command-line properties substitution looked up, with the values they had (null: not given). */
    public Map<String, String> definesUsed() {
        return definesUsed;
    }

    /** {@code text} with every {@code ${...}} replaced; an undefined name without a default is an error. */
    public String apply(String text, Directive d) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw d.error("'" + text + "' has a '${' without its '}'; write ${name} or ${name:default}");
            }
            out.append(text, i, start);
            String expr = text.substring(start + 2, end);
            int colon = expr.indexOf(':');
            String name = colon < 0 ? expr : expr.substring(0, colon);
            String dflt = colon < 0 ? null : expr.substring(colon + 1);
            String value = lookup(name);
            if (value == null) {
                value = dflt;
            }
            if (value == null) {
                throw d.error("${" + name + "} is not defined; " + (name.startsWith("env.")
                        ? "set the environment variable " + name.substring(4)
                        : "it is neither a system property nor an os.detected.* property")
                        + ", or give a default: ${" + name + ":value}");
            }
            out.append(value);
            i = end + 1;
        }
        return out.toString();
    }

    private String lookup(String name) {
        if (name.startsWith("env.")) {
            String var = name.substring(4);
            String value = env.get(var);
            used.put(var, value);
            return value;
        }
        String given = defines.get(name);
        definesUsed.put(name, given);
        return given != null ? given : props.getProperty(name);
    }

    /** The os-maven-plugin's os.detected.* properties, from os.name and os.arch. */
    static void osDetected(Properties system, Properties into) {
        String os = system.getProperty("os.name", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String name;
        if (os.startsWith("linux")) {
            name = "linux";
        } else if (os.startsWith("macosx") || os.startsWith("osx") || os.startsWith("darwin")) {
            name = "osx";
        } else if (os.startsWith("windows")) {
            name = "windows";
        } else if (os.startsWith("freebsd")) {
            name = "freebsd";
        } else if (os.startsWith("sunos") || os.startsWith("solaris")) {
            name = "sunos";
        } else if (os.startsWith("aix")) {
            name = "aix";
        } else {
            name = "unknown";
        }
        String a = system.getProperty("os.arch", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String arch;
        if (a.matches("x8664|amd64|ia32e|em64t|x64")) {
            arch = "x86_64";
        } else if (a.matches("x8632|x86|i[3-6]86|ia32|x32")) {
            arch = "x86_32";
        } else if (a.equals("aarch64")) {
            arch = "aarch_64";
        } else if (a.matches("arm|arm32")) {
            arch = "arm_32";
        } else if (a.matches("ppc64le")) {
            arch = "ppcle_64";
        } else if (a.matches("ppc64")) {
            arch = "ppc_64";
        } else if (a.equals("s390x")) {
            arch = "s390_64";
        } else if (a.equals("riscv64")) {
            arch = "riscv64";
        } else {
            arch = "unknown";
        }
        into.setProperty("os.detected.name", name);
        into.setProperty("os.detected.arch", arch);
        into.setProperty("os.detected.classifier", name + "-" + arch);
        into.setProperty("os.detected.bitness", arch.endsWith("64") ? "64" : "32");
        into.setProperty("os.detected.jfxname", switch (name) {
            case "osx" -> "mac";
            case "windows" -> "win";
            default -> name;
        });
    }
}
