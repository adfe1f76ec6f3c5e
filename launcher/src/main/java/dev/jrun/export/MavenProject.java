package dev.jrun.export;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.cli.Main;
import dev.jrun.deps.Coordinate;
import dev.jrun.deps.DepsSpec;
import dev.jrun.deps.Repo;
import dev.jrun.plan.JavaRequirement;
import dev.jrun.plan.Plan;
import dev.jrun.script.Script;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a script as a Maven project: pom.xml, the script and its //SOURCES under src/main/java
 * (in their packages' directories), its //FILES under src/main/resources. {@code mvn package}
 * makes target/ARTIFACT.jar, whose manifest names the main class and the dependencies copied to
 * target/lib, so that {@code java -jar} runs it as jrun does; {@code mvn exec:exec} runs it with the
 * script's //JAVA_OPTIONS too.
 */
public final class MavenProject {
    /**
     * The plugin versions jrun's own build uses (see pom.xml), so that a machine that built jrun has
     * them in its local repository and can build the project with {@code mvn -o}.
     */
    private static final Map<String, String> PLUGINS = Map.of(
            "maven-resources-plugin", "3.3.1",
            "maven-compiler-plugin", "3.14.0",
            "maven-surefire-plugin", "3.5.4",
            "maven-jar-plugin", "3.4.2",
            "maven-dependency-plugin", "3.8.1");
    private static final String EXEC_PLUGIN = "3.5.0";

    private final Plan plan;
    private final boolean link;
    private final StringBuilder pom = new StringBuilder();

    public MavenProject(Plan plan) {
        this(plan, false);
    }

    /**
     * @param link link the sources and resources instead of copying them ({@code jrun edit}: the IDE
     *             edits the script itself)
     */
    public MavenProject(Plan plan, boolean link) {
        this.plan = plan;
        this.link = link;
    }

    /** Writes the project into {@code dir}, which must not exist or be empty. Returns the jar Maven will make. */
    public String write(Path dir) throws IOException {
        Script script = plan.inputs().script();
        SourceFacts facts = SourceFacts.of(script);
        String fileName = script.realPath().getFileName().toString();
        if (!fileName.endsWith(".java")) {
            fileName = facts.firstClass().orElse("Main") + ".java";
        }
        String main = plan.main().orElseGet(() -> facts.qualified(facts.firstClass().orElseThrow(
                () -> new JrunException(ExitCode.SCRIPT, script.name() + ": declares no class; nothing to export"))));
        Path java = dir.resolve("src/main/java");
        put(script, java.resolve(facts.path(fileName)));
        for (Plan.Source s : plan.inputs().sources()) {
            Script source = Script.read(s.path(), s.name());
            put(source, java.resolve(SourceFacts.of(source).path(s.path().getFileName().toString())));
        }
        for (Plan.Resource r : plan.inputs().resources()) {
            Path to = dir.resolve("src/main/resources").resolve(r.target());
            Files.createDirectories(to.getParent());
            if (link) {
                Files.createSymbolicLink(to, r.file());
            } else {
                Files.copy(r.file(), to, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        String artifact = plan.inputs().directives().last("GAV").map(g -> g.value().split(":"))
                .filter(p -> p.length >= 2).map(p -> p[1]).orElse(artifactId(fileName));
        Files.writeString(dir.resolve("pom.xml"), pom(artifact, main), StandardCharsets.UTF_8);
        return artifact + ".jar";
    }

    private void put(Script source, Path to) throws IOException {
        if (link) {
            if (Files.exists(to, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new JrunException(ExitCode.SCRIPT, to + ": two sources would have the same place in the project;"
                        + " rename one of them");
            }
            Files.createDirectories(to.getParent());
            Files.createSymbolicLink(to, source.realPath());
        } else {
            copy(source.text(), to);
        }
    }

    private static void copy(String text, Path to) throws IOException {
        if (Files.exists(to)) {
            throw new JrunException(ExitCode.SCRIPT, to + ": two sources would have the same place in the project;"
                    + " rename one of them");
        }
        Files.createDirectories(to.getParent());
        Files.writeString(to, text, StandardCharsets.UTF_8);
    }

    private static String artifactId(String fileName) {
        String base = fileName.substring(0, fileName.length() - ".java".length());
        String id = base.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return id.isEmpty() ? "script" : id;
    }

    private String pom(String artifact, String main) {
        var d = plan.inputs().directives();
        String group = "local";
        String version = "1.0-SNAPSHOT";
        var gav = d.last("GAV");
        if (gav.isPresent()) {
            String[] p = gav.get().value().split(":");
            if (p.length >= 2) {
                group = p[0];
                artifact = p[1];
            }
            if (p.length >= 3) {
                version = p[2];
            }
        }
        int release = d.java().map(j -> JavaRequirement.parse(j.value())).map(JavaRequirement::version)
                .orElse(plan.jdk().major());
        List<String> javac = new ArrayList<>(plan.compileOptions());
        List<String> jvm = new ArrayList<>();
        if (plan.preview()) {
            javac.add("--enable-preview");
            jvm.add("--enable-preview");
        }
        jvm.addAll(plan.runtimeOptions());

        line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        line(0, "<!-- Exported from " + comment(plan.inputs().script().realPath().toString()) + " by jrun export maven.");
        line(0, "     Build: mvn package (offline: mvn -o package). Run: java"
                + (jvm.isEmpty() ? "" : " " + comment(String.join(" ", jvm))) + " -jar target/" + artifact + ".jar,");
        line(0, "     or mvn exec:exec, which adds the script's //JAVA_OPTIONS. -->");
        line(0, "<project xmlns=\"http://maven.apache.org/POM/4.0.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"");
        line(0, "         xsi:schemaLocation=\"http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd\">");
        line(1, "<modelVersion>4.0.0</modelVersion>");
        el(1, "groupId", group);
        el(1, "artifactId", artifact);
        el(1, "version", version);
        d.description().ifPresent(text -> el(1, "description", text));
        line(0, "");
        line(1, "<properties>");
        el(2, "project.build.sourceEncoding", "UTF-8");
        el(2, "maven.compiler.release", Integer.toString(release));
        el(2, "exec.mainClass", main);
        line(1, "</properties>");
        DepsSpec deps = DepsSpec.of(d, System.getenv(), System.getProperties());
        repositories(deps.repos());
        dependencies(deps.boms(), deps.deps());
        line(0, "");
        line(1, "<build>");
        el(2, "finalName", artifact);
        line(2, "<plugins>");
        plugin("maven-resources-plugin");
        line(3, "</plugin>");
        plugin("maven-surefire-plugin");
        line(3, "</plugin>");
        plugin("maven-compiler-plugin");
        if (!javac.isEmpty()) {
            line(4, "<configuration>");
            line(5, "<compilerArgs>");
            javac.forEach(a -> el(6, "arg", a));
            line(5, "</compilerArgs>");
            line(4, "</configuration>");
        }
        line(3, "</plugin>");
        plugin("maven-jar-plugin");
        line(4, "<configuration>");
        line(5, "<archive>");
        line(6, "<manifest>");
        el(7, "mainClass", main);
        el(7, "addClasspath", "true");
        el(7, "classpathPrefix", "lib/");
        line(6, "</manifest>");
        if (!plan.manifest().isEmpty()) {
            line(6, "<manifestEntries>");
            plan.manifest().forEach((n, v) -> el(7, n, v));
            line(6, "</manifestEntries>");
        }
        line(5, "</archive>");
        line(4, "</configuration>");
        line(3, "</plugin>");
        plugin("maven-dependency-plugin");
        line(4, "<executions>");
        line(5, "<execution>");
        el(6, "id", "copy-dependencies");
        el(6, "phase", "package");
        line(6, "<goals><goal>copy-dependencies</goal></goals>");
        line(6, "<configuration>");
        el(7, "includeScope", "runtime");
        el(7, "outputDirectory", "${project.build.directory}/lib");
        line(6, "</configuration>");
        line(5, "</execution>");
        line(4, "</executions>");
        line(3, "</plugin>");
        line(2, "</plugins>");
        line(2, "<pluginManagement>");
        line(3, "<plugins>");
        line(4, "<!-- mvn exec:exec runs the program as jrun does, with its JVM options -->");
        line(4, "<plugin>");
        el(5, "groupId", "org.codehaus.mojo");
        el(5, "artifactId", "exec-maven-plugin");
        el(5, "version", EXEC_PLUGIN);
        line(5, "<configuration>");
        el(6, "executable", "java");
        line(6, "<arguments>");
        jvm.forEach(a -> el(7, "argument", a));
        el(7, "argument", "-classpath");
        line(7, "<classpath/>");
        el(7, "argument", main);
        line(6, "</arguments>");
        line(5, "</configuration>");
        line(4, "</plugin>");
        line(3, "</plugins>");
        line(2, "</pluginManagement>");
        line(1, "</build>");
        line(0, "</project>");
        return pom.toString();
    }

    private void plugin(String artifact) {
        line(3, "<plugin>");
        el(4, "groupId", "org.apache.maven.plugins");
        el(4, "artifactId", artifact);
        el(4, "version", PLUGINS.get(artifact));
    }

    /** //REPOS, as the resolver reads them; Maven Central is Maven's own default. */
    private void repositories(List<Repo> repos) {
        List<Repo> extra = repos.stream().filter(r -> !r.id().equals("central")).toList();
        if (extra.isEmpty()) {
            return;
        }
        line(0, "");
        line(1, "<repositories>");
        for (Repo r : extra) {
            line(2, "<repository>");
            el(3, "id", r.id());
            el(3, "url", r.url());
            line(2, "</repository>");
        }
        line(1, "</repositories>");
    }

    /** //DEPS, as the resolver reads them: BOMs ({@code @pom}) are imported, a {@code @fatjar} comes without its dependencies. */
    private void dependencies(List<Coordinate> boms, List<Coordinate> deps) {
        if (!boms.isEmpty()) {
            line(0, "");
            line(1, "<dependencyManagement>");
            line(2, "<dependencies>");
            boms.forEach(b -> dependency(b, 3));
            line(2, "</dependencies>");
            line(1, "</dependencyManagement>");
        }
        if (!deps.isEmpty()) {
            line(0, "");
            line(1, "<dependencies>");
            // a dependency that the script and one of its //SOURCES both name is listed once, as Maven wants
            java.util.Set<String> listed = new java.util.HashSet<>();
            deps.stream().filter(d -> listed.add(d.groupId() + ":" + d.artifactId() + ":" + d.classifier() + "@" + d.type()))
                    .forEach(d -> dependency(d, 2));
            line(1, "</dependencies>");
        }
    }

    private void dependency(Coordinate c, int depth) {
        line(depth, "<dependency>");
        el(depth + 1, "groupId", c.groupId());
        el(depth + 1, "artifactId", c.artifactId());
        if (c.version() != null) {
            el(depth + 1, "version", c.version());
        }
        if (!c.classifier().isEmpty()) {
            el(depth + 1, "classifier", c.classifier());
        }
        if (c.type().equals("pom")) {
            el(depth + 1, "type", "pom");
            el(depth + 1, "scope", "import");
        } else if (c.type().equals("fatjar")) {
            line(depth + 1, "<exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions>");
        } else if (!c.type().equals("jar")) {
            el(depth + 1, "type", c.type());
        }
        line(depth, "</dependency>");
    }

    private void el(int depth, String name, String value) {
        line(depth, "<" + name + ">" + x(value) + "</" + name + ">");
    }

    private void line(int depth, String text) {
        pom.append("  ".repeat(depth)).append(text).append('\n');
    }

    private static String x(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Text for an XML comment, which cannot hold "--". */
    private static String comment(String s) {
        return s.replace("--", "- -");
    }
}
