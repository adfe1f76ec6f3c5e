#!/bin/sh
# Benchmarks a script with //DEPS (picocli from Maven Central), two cases, medians of alternating runs:
#   deps-first   first run (resolve with a warm local repository + compile + run), the script's cache
#                cleared before each run: jrun vs JBang (dev.jbang:jbang-cli from Maven Central)
#   deps-cached  cached run: jrun vs plain `java -cp pico.jar:picocli.jar pico`
#   deps-edit    the run 100 ms after an edit (a comment line appended), the compile server warm: jrun vs
#                `java -cp picocli.jar picoedit.java` (the source launcher, which compiles every run)
# The first two run with JRUN_COMPILE_SERVER=off (deps-first deletes the cache every run, and a
# server warming up in the background would overlap the timed runs).
#
#   bench/deps.sh [--runs N]        (bench/run calls it with JRUN set)
#
# Everything goes under bench/work/: JBang and its libraries (fetched with Maven, once), the local
# repository both use (warmed by the first run), the caches.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
runs=21
[ "${1:-}" != --runs ] || runs=$2
work=$here/work/deps
mkdir -p "$work"
if [ -z "${JRUN:-}" ]; then
    "$here/../install" --prefix "$here/work/prefix" --no-binfmt >/dev/null
    JRUN=$here/work/prefix/bin/jrun
fi

# JBang, as its own launcher runs it: the Java part prints the command line (exit 255), sh execs it.
jbang_version=0.132.1
jb=$here/work/jbang-$jbang_version
if [ ! -f "$jb/ok" ]; then
    mkdir -p "$jb"
    cat >"$jb/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>jbang-fetch</artifactId><version>1</version>
  <dependencies><dependency><groupId>dev.jbang</groupId><artifactId>jbang-cli</artifactId>
    <version>$jbang_version</version></dependency></dependencies></project>
POM
    (cd "$jb" && mvn -q -B dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$jb/lib") >&2
    touch "$jb/ok"
fi
cat >"$work/jbang" <<SH
#!/bin/sh
out=\$(java -classpath '$jb/lib/*' dev.jbang.Main "\$@")
st=\$?
[ \$st -eq 255 ] && eval "exec \$out"
printf '%s\n' "\$out"
exit \$st
SH
chmod +x "$work/jbang"

cat >"$work/pico.java" <<'JAVA'
//DEPS info.picocli:picocli:4.7.7
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "pico", mixinStandardHelpOptions = true)
public class pico implements Runnable {
    @Option(names = "-n", description = "who") String name = "world";
    public void run() { System.out.println("hello " + name); }
    public static void main(String[] args) { System.exit(new CommandLine(new pico()).execute(args)); }
}
JAVA

sed 's/class pico /class picoedit /; s/new pico()/new picoedit()/' "$work/pico.java" >"$work/picoedit.java"

export JRUN_COMPILE_SERVER=off JRUN_REPO="$work/m2" JBANG_REPO="$work/m2" JRUN_CACHE_DIR="$work/jrun-cache" \
    JBANG_DIR="$work/jbang-home" JBANG_CACHE_DIR="$work/jbang-cache"
# warm the local repository (and check both work)
"$JRUN" "$work/pico.java" -n jrun >/dev/null
"$work/jbang" "$work/pico.java" -n jbang >/dev/null 2>&1
picocli=$work/m2/info/picocli/picocli/4.7.7/picocli-4.7.7.jar
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$picocli" "$work/pico.java"
jar cf "$work/pico.jar" -C "$work/classes" .

cd "$work"
export BENCH_HERE="$here" JBANG_VERSION="$jbang_version"
python3 - "$JRUN" "$runs" <<'PY'
import os, sys
sys.path.insert(0, os.path.join(os.environ["BENCH_HERE"]))
from bench import pair, edited, wait_for_server, run, settle
jrun, runs = sys.argv[1], int(sys.argv[2])
work = os.getcwd()
env = dict(os.environ)
first_jrun = ["sh", "-c", 'rm -rf "$JRUN_CACHE_DIR"; exec "$0" pico.java -n x', jrun]
first_jbang = ["sh", "-c", 'rm -rf "$JBANG_CACHE_DIR"; exec ./jbang pico.java -n x']
cached = [jrun, "pico.java", "-n", "x"]
plain = ["java", "-cp", "pico.jar:" + os.path.join(work, "m2/info/picocli/picocli/4.7.7/picocli-4.7.7.jar"), "pico", "-n", "x"]
rows = [pair("deps-first", first_jrun, first_jbang, max(5, runs // 2), env, work, warm=1),
        pair("deps-cached", cached, plain, runs, env, work)]
served = dict(env, JRUN_CACHE_DIR=os.path.join(work, "jrun-edit-cache"))
del served["JRUN_COMPILE_SERVER"]
edit = [jrun, "picoedit.java", "-n", "x"]
run(edit, served, work)  # the builder JVM builds it and starts the server
wait_for_server(served["JRUN_CACHE_DIR"])
settle(served["JRUN_CACHE_DIR"])  # the first run's archives (the JDK's classes') are made
picocli = os.path.join(work, "m2/info/picocli/picocli/4.7.7/picocli-4.7.7.jar")
rows.append(pair("deps-edit", edited(os.path.join(work, "picoedit.java"), edit, served, work),
                 ["java", "-cp", picocli, "picoedit.java", "-n", "x"], max(11, runs // 2), served, work))
import subprocess, shutil
subprocess.run([jrun, "server", "stop"], env=served, stdout=subprocess.DEVNULL)
shutil.rmtree(served["JRUN_CACHE_DIR"], ignore_errors=True)
print("%-12s %10s %12s %8s" % ("case", "jrun ms", "baseline ms", "ratio"))
for name, a, b, r in rows:
    print("%-12s %10.1f %12.1f %7.2fx" % (name, a, b, r))
print("(medians of alternating runs; baseline: deps-first JBang %s, deps-cached java -cp jar:picocli.jar,"
      " deps-edit java -cp picocli.jar picoedit.java)"
      % os.environ["JBANG_VERSION"])
PY
