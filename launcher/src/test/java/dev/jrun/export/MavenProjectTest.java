package dev.jrun.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.plan.Jdk;
import dev.jrun.plan.Plan;
import dev.jrun.plan.Planner;
import dev.jrun.plan.Resolution;
import dev.jrun.script.Script;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pom.xml that jrun export maven writes, read back with maven-model's reader. */
class MavenProjectTest {
    @TempDir
    Path tmp;

    private Plan plan(String script, boolean preview, Map<String, String> manifest) throws Exception {
        Path file = Files.writeString(tmp.resolve("MyApp.java"), script);
        Plan.Inputs inputs = Planner.inputs(Script.read(file, "MyApp.java"));
        Jdk jdk = new Jdk(Path.of(System.getProperty("java.home")), 21, "21.0.2", "JAVA_VERSION=\"21.0.2\"\n");
        return new Plan(inputs, jdk, Resolution.NONE, inputs.directives().compileOptions(), inputs.directives().javaOptions(),
                Optional.empty(), preview, false, manifest, List.of(), List.of(), false);
    }

    private static Model read(Path pom) throws Exception {
        try (Reader in = Files.newBufferedReader(pom)) {
            return new MavenXpp3Reader().read(in);
        }
    }

    private static Plugin plugin(List<Plugin> plugins, String artifactId) {
        return plugins.stream().filter(p -> p.getArtifactId().equals(artifactId)).findFirst().orElseThrow(
                () -> new AssertionError("no " + artifactId + " in " + plugins));
    }

    private static List<String> values(Xpp3Dom parent) {
        return Arrays.stream(parent.getChildren()).map(c -> c.getName() + "=" + c.getValue()).toList();
    }

    @Test
    void aScriptsDirectivesBecomeThePom() throws Exception {
        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put("Built-By", "me & <you>");
        Plan plan = plan("""
                //DEPS info.picocli:picocli:4.7.7 org.junit:junit-bom:5.10.0@pom org.junit.jupiter:junit-jupiter-api
                //DEPS io.netty:netty-transport-native-epoll:4.1.100.Final:linux-x86_64 com.example:all-in-one:2@fatjar
                //REPOS corp=https://repo.corp.example/maven2 central
                //JAVA 21+
                //JAVA_OPTIONS -Xmx64m "-Dgreeting=a <b> & c"
                //COMPILE_OPTIONS -Xlint:all
                //DESCRIPTION Says "hello" & <more> -- loudly
                package demo;
                public class MyApp { public static void main(String[] a) {} }
                """, true, manifest);
        Path project = tmp.resolve("project");
        assertEquals("my-app.jar", new MavenProject(plan).write(project));
        assertTrue(Files.isRegularFile(project.resolve("src/main/java/demo/MyApp.java")));
        String text = Files.readString(project.resolve("pom.xml"));
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), text);
        assertTrue(text.contains("Run: java OPTIONS -jar target/my-app.jar with the JVM options that exec-maven-plugin lists,\n"), text);
        assertTrue(text.contains("//JAVA_OPTIONS.\n-->\n<project "), text);

        Model pom = read(project.resolve("pom.xml"));
        assertEquals("4.0.0", pom.getModelVersion());
        assertEquals("local", pom.getGroupId());
        assertEquals("my-app", pom.getArtifactId());
        assertEquals("1.0-SNAPSHOT", pom.getVersion());
        assertEquals("Says \"hello\" & <more> -- loudly", pom.getDescription());
        assertEquals(Map.of("project.build.sourceEncoding", "UTF-8", "maven.compiler.release", "21", "exec.mainClass", "demo.MyApp"),
                new TreeMap<>(pom.getProperties()));

        assertEquals(1, pom.getRepositories().size());
        assertEquals("corp", pom.getRepositories().get(0).getId());
        assertEquals("https://repo.corp.example/maven2/", pom.getRepositories().get(0).getUrl());

        Dependency bom = pom.getDependencyManagement().getDependencies().get(0);
        assertEquals(List.of("org.junit:junit-bom:5.10.0:pom:import"), List.of(bom.getGroupId() + ":" + bom.getArtifactId() + ":"
                + bom.getVersion() + ":" + bom.getType() + ":" + bom.getScope()));
        List<Dependency> deps = pom.getDependencies();
        assertEquals(List.of("info.picocli:picocli:4.7.7", "org.junit.jupiter:junit-jupiter-api:null",
                "io.netty:netty-transport-native-epoll:4.1.100.Final", "com.example:all-in-one:2"),
                deps.stream().map(d -> d.getGroupId() + ":" + d.getArtifactId() + ":" + d.getVersion()).toList());
        assertEquals("linux-x86_64", deps.get(2).getClassifier());
        assertEquals("jar", deps.get(3).getType());
        assertEquals("*:*", deps.get(3).getExclusions().get(0).getGroupId() + ":" + deps.get(3).getExclusions().get(0).getArtifactId());
        assertTrue(deps.get(0).getExclusions().isEmpty());

        assertEquals("my-app", pom.getBuild().getFinalName());
        List<Plugin> plugins = pom.getBuild().getPlugins();
        assertEquals(List.of("maven-resources-plugin", "maven-surefire-plugin", "maven-compiler-plugin", "maven-jar-plugin",
                "maven-dependency-plugin"), plugins.stream().map(Plugin::getArtifactId).toList());
        Xpp3Dom compiler = (Xpp3Dom) plugin(plugins, "maven-compiler-plugin").getConfiguration();
        assertEquals(List.of("arg=-Xlint:all", "arg=--enable-preview"), values(compiler.getChild("compilerArgs")));
        Xpp3Dom archive = ((Xpp3Dom) plugin(plugins, "maven-jar-plugin").getConfiguration()).getChild("archive");
        assertEquals(List.of("mainClass=demo.MyApp", "addClasspath=true", "classpathPrefix=lib/"), values(archive.getChild("manifest")));
        assertEquals(List.of("Built-By=me & <you>"), values(archive.getChild("manifestEntries")));
        var copy = plugin(plugins, "maven-dependency-plugin").getExecutions().get(0);
        assertEquals("copy-dependencies package [copy-dependencies]", copy.getId() + " " + copy.getPhase() + " " + copy.getGoals());
        assertEquals(List.of("includeScope=runtime", "outputDirectory=${project.build.directory}/lib"),
                values((Xpp3Dom) copy.getConfiguration()));

        Plugin exec = plugin(pom.getBuild().getPluginManagement().getPlugins(), "exec-maven-plugin");
        assertEquals("org.codehaus.mojo", exec.getGroupId());
        Xpp3Dom execConfig = (Xpp3Dom) exec.getConfiguration();
        assertEquals("java", execConfig.getChild("executable").getValue());
        assertEquals(List.of("argument=--enable-preview", "argument=-Xmx64m", "argument=-Dgreeting=a <b> & c",
                "argument=-classpath", "classpath=null", "argument=demo.MyApp"), values(execConfig.getChild("arguments")));
    }

    @Test
    void gavNamesTheProjectAndItsJar() throws Exception {
        Plan plan = plan("""
                //GAV com.example:greeter:2.1
                class MyApp { public static void main(String[] a) {} }
                """, false, Map.of());
        Path project = tmp.resolve("project");
        assertEquals("greeter.jar", new MavenProject(plan).write(project));
        assertTrue(Files.readString(project.resolve("pom.xml")).contains("Run: java -jar target/greeter.jar,\n"));
        Model pom = read(project.resolve("pom.xml"));
        assertEquals("com.example:greeter:2.1", pom.getGroupId() + ":" + pom.getArtifactId() + ":" + pom.getVersion());
        assertEquals("greeter", pom.getBuild().getFinalName());
        assertEquals("21", pom.getProperties().getProperty("maven.compiler.release"));
        assertNull(plugin(pom.getBuild().getPlugins(), "maven-compiler-plugin").getConfiguration());
        assertTrue(pom.getDependencies().isEmpty());
        assertNull(pom.getDependencyManagement());
        assertTrue(pom.getRepositories().isEmpty());
    }

    @Test
    void aDependencyNamedByTheScriptAndASourceIsListedOnce() throws Exception {
        Files.writeString(tmp.resolve("Helper.java"), "//DEPS info.picocli:picocli:4.7.7 info.picocli:picocli:4.7.7:sources\n"
                + "class Helper {}\n");
        Plan plan = plan("""
                //DEPS info.picocli:picocli:4.7.7
                //SOURCES Helper.java
                class MyApp { public static void main(String[] a) {} }
                """, false, Map.of());
        Path project = tmp.resolve("project");
        new MavenProject(plan).write(project);
        assertEquals(List.of("info.picocli:picocli:", "info.picocli:picocli:sources"), read(project.resolve("pom.xml")).getDependencies()
                .stream().map(d -> d.getGroupId() + ":" + d.getArtifactId() + ":" + (d.getClassifier() == null ? "" : d.getClassifier()))
                .toList());
    }

    /** A version bump in jrun's pom.xml reaches export: the versions come from it through the filtered plugins.properties. */
    @Test
    void pluginVersionsAreThoseOfJrunsOwnBuild() throws Exception {
        Model parent = read(Path.of(System.getProperty("jrun.repo.root", "..")).resolve("pom.xml"));
        Map<String, String> managed = new TreeMap<>();
        for (Plugin p : parent.getBuild().getPluginManagement().getPlugins()) {
            String v = p.getVersion();
            if (v.startsWith("${") && v.endsWith("}")) {
                v = parent.getProperties().getProperty(v.substring(2, v.length() - 1));
            }
            managed.put(p.getArtifactId(), v);
        }
        Plan plan = plan("class MyApp { public static void main(String[] a) {} }\n", false, Map.of());
        Path project = tmp.resolve("project");
        new MavenProject(plan).write(project);
        Model pom = read(project.resolve("pom.xml"));
        List<Plugin> all = new java.util.ArrayList<>(pom.getBuild().getPlugins());
        all.addAll(pom.getBuild().getPluginManagement().getPlugins());
        for (Plugin p : all) {
            assertEquals(managed.get(p.getArtifactId()), p.getVersion(), p.getArtifactId() + " in " + managed);
        }
        assertEquals(6, all.size());
    }
}
