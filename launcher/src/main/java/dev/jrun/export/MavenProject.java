package dev.jrun.export;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.deps.Coordinate;
import dev.jrun.deps.DepsSpec;
import dev.jrun.deps.Repo;
import dev.jrun.plan.JavaRequirement;
import dev.jrun.plan.Plan;
import dev.jrun.script.Script;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.maven.model.Build;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.DependencyManagement;
import org.apache.maven.model.Exclusion;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.model.PluginManagement;
import org.apache.maven.model.Repository;
import org.apache.maven.model.io.xpp3.MavenXpp3Writer;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Writes a script as a Maven project: pom.xml, the script and its //SOURCES under src/main/java
 * (in their packages' directories), its //FILES under src/main/resources. {@code mvn package}
 * makes target/ARTIFACT.jar, whose manifest names the main class and the dependencies copied to
 * target/lib, so that {@code java -jar} runs it as jrun does; {@code mvn exec:exec} runs it with the
 * script's //JAVA_OPTIONS too.
 */
public final class MavenProject {
    private final Plan plan;
    private final boolean link;

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
            put(s.script(), java.resolve(SourceFacts.of(s.script()).path(s.path().getFileName().toString())));
        }
        for (Plan.Resource r : plan.inputs().resources()) {
            Path to = dir.resolve("src/main/resources").resolve(r.target());
            Files.createDirectories(to.getParent());
            if (link) {
                Files.createSymbolicLink(to, r.file());
            } else {
                Files.write(to, r.content()); // the bytes the plan read
            }
        }
        Model model = model(artifactId(fileName), main);
        Files.writeString(dir.resolve("pom.xml"), pom(model), StandardCharsets.UTF_8);
        return model.getArtifactId() + ".jar";
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

    /** The project: {@code artifact} (unless //GAV names another) made into an executable jar whose main class is {@code main}. */
    private Model model(String artifact, String main) {
        var d = plan.inputs().directives();
        Model model = new Model();
        model.setModelVersion("4.0.0");
        model.setGroupId("local");
        model.setArtifactId(artifact);
        model.setVersion("1.0-SNAPSHOT");
        d.last("GAV").ifPresent(gav -> {
            String[] p = gav.value().split(":");
            if (p.length >= 2) {
                model.setGroupId(p[0]);
                model.setArtifactId(p[1]);
            }
            if (p.length >= 3) {
                model.setVersion(p[2]);
            }
        });
        d.description().ifPresent(model::setDescription);
        int release = d.java().map(j -> JavaRequirement.parse(j.value())).map(JavaRequirement::version)
                .orElse(plan.jdk().major());
        List<String> javac = new ArrayList<>(plan.compileOptions());
        if (plan.preview()) {
            javac.add("--enable-preview");
        }
        List<String> jvm = jvmOptions();
        model.addProperty("project.build.sourceEncoding", "UTF-8");
        model.addProperty("maven.compiler.release", Integer.toString(release));
        model.addProperty("exec.mainClass", main);

        DepsSpec deps = DepsSpec.of(d, System.getenv(), System.getProperties());
        deps.repos().stream().filter(r -> !r.id().equals("central")).forEach(r -> model.addRepository(repository(r)));
        if (!deps.boms().isEmpty()) {
            DependencyManagement managed = new DependencyManagement();
            deps.boms().forEach(b -> managed.addDependency(dependency(b)));
            model.setDependencyManagement(managed);
        }
        // a dependency that the script and one of its //SOURCES both name is listed once, as Maven wants
        Set<String> listed = new HashSet<>();
        deps.deps().stream().filter(c -> listed.add(c.groupId() + ":" + c.artifactId() + ":" + c.classifier() + "@" + c.type()))
                .forEach(c -> model.addDependency(dependency(c)));
        model.setBuild(build(model.getArtifactId(), main, javac, jvm));
        return model;
    }

    /** The model as pom.xml, with a comment on how to build and run it. */
    private String pom(Model model) {
        String jvm = String.join(" ", jvmOptions());
        String jar = "-jar target/" + model.getArtifactId() + ".jar";
        // (an XML comment cannot hold "--": options such as --enable-preview are only named in exec's arguments)
        String run = jvm.isEmpty() ? "java " + jar
                : jvm.contains("--") ? "java OPTIONS " + jar + " with the JVM options that exec-maven-plugin lists"
                : "java " + jvm + " " + jar;
        MavenXpp3Writer writer = new MavenXpp3Writer();
        writer.setFileComment(" Exported from " + comment(plan.inputs().script().realPath().toString()) + " by jrun export maven.\n"
                + "     Build: mvn package (offline: mvn -o package). Run: " + comment(run) + ",\n"
                + "     or mvn exec:exec, which runs it as jrun does, with the script's //JAVA_OPTIONS.\n");
        StringWriter out = new StringWriter();
        try {
            writer.write(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString().replaceFirst("-->\\s*<project", "-->\n<project");
    }

    /** The JVM options a run of the script has: //PREVIEW's and //JAVA_OPTIONS. */
    private List<String> jvmOptions() {
        List<String> jvm = new ArrayList<>();
        if (plan.preview()) {
            jvm.add("--enable-preview");
        }
        jvm.addAll(plan.runtimeOptions());
        return jvm;
    }

    private Build build(String artifact, String main, List<String> javac, List<String> jvm) {
        Build build = new Build();
        build.setFinalName(artifact);
        build.addPlugin(plugin("maven-resources-plugin"));
        build.addPlugin(plugin("maven-surefire-plugin"));
        Plugin compiler = plugin("maven-compiler-plugin");
        if (!javac.isEmpty()) {
            compiler.setConfiguration(el("configuration", list("compilerArgs", "arg", javac)));
        }
        build.addPlugin(compiler);

        Plugin jar = plugin("maven-jar-plugin");
        Xpp3Dom archive = el("archive", el("manifest", el("mainClass", main), el("addClasspath", "true"),
                el("classpathPrefix", "lib/")));
        if (!plan.manifest().isEmpty()) {
            Xpp3Dom entries = el("manifestEntries");
            plan.manifest().forEach((n, v) -> entries.addChild(el(n, v)));
            archive.addChild(entries);
        }
        jar.setConfiguration(el("configuration", archive));
        build.addPlugin(jar);

        Plugin dependencies = plugin("maven-dependency-plugin");
        PluginExecution copy = new PluginExecution();
        copy.setId("copy-dependencies");
        copy.setPhase("package");
        copy.addGoal("copy-dependencies");
        copy.setConfiguration(el("configuration", el("includeScope", "runtime"),
                el("outputDirectory", "${project.build.directory}/lib")));
        dependencies.addExecution(copy);
        build.addPlugin(dependencies);

        // mvn exec:exec runs the program as jrun does, with its JVM options
        Plugin exec = new Plugin();
        exec.setGroupId("org.codehaus.mojo");
        exec.setArtifactId("exec-maven-plugin");
        exec.setVersion(PluginVersions.of("exec-maven-plugin"));
        Xpp3Dom arguments = list("arguments", "argument", jvm);
        arguments.addChild(el("argument", "-classpath"));
        arguments.addChild(el("classpath"));
        arguments.addChild(el("argument", main));
        exec.setConfiguration(el("configuration", el("executable", "java"), arguments));
        PluginManagement management = new PluginManagement();
        management.addPlugin(exec);
        build.setPluginManagement(management);
        return build;
    }

    private static Plugin plugin(String artifact) {
        Plugin p = new Plugin();
        p.setGroupId("org.apache.maven.plugins");
        p.setArtifactId(artifact);
        p.setVersion(PluginVersions.of(artifact));
        return p;
    }

    /** //REPOS, as the resolver reads them; Maven Central is Maven's own default. */
    private static Repository repository(Repo r) {
        Repository repo = new Repository();
        repo.setId(r.id());
        repo.setUrl(r.url());
        return repo;
    }

    /** A //DEPS coordinate, as the resolver reads it: a BOM ({@code @pom}) is imported, a {@code @fatjar} comes without its dependencies. */
    private static Dependency dependency(Coordinate c) {
        Dependency dep = new Dependency();
        dep.setGroupId(c.groupId());
        dep.setArtifactId(c.artifactId());
        dep.setVersion(c.version());
        if (!c.classifier().isEmpty()) {
            dep.setClassifier(c.classifier());
        }
        if (c.type().equals("pom")) {
            dep.setType("pom");
            dep.setScope("import");
        } else if (c.type().equals("fatjar")) {
            Exclusion all = new Exclusion();
            all.setGroupId("*");
            all.setArtifactId("*");
            dep.addExclusion(all);
        } else if (!c.type().equals("jar")) {
            dep.setType(c.type());
        }
        return dep;
    }

    private static Xpp3Dom el(String name, String value) {
        Xpp3Dom el = new Xpp3Dom(name);
        el.setValue(value);
        return el;
    }

    private static Xpp3Dom el(String name, Xpp3Dom... children) {
        Xpp3Dom el = new Xpp3Dom(name);
        for (Xpp3Dom child : children) {
            el.addChild(child);
        }
        return el;
    }

    /** {@code <name><item>v1</item><item>v2</item>...</name>} */
    private static Xpp3Dom list(String name, String item, List<String> values) {
        Xpp3Dom el = new Xpp3Dom(name);
        values.forEach(v -> el.addChild(el(item, v)));
        return el;
    }

    /** Text for an XML comment, which cannot hold "--". */
    private static String comment(String s) {
        return s.replace("--", "- -");
    }
}
