#!/usr/bin/env python3
"""Times cached jrun runs, which start from the script's class-data-sharing archive (JDK 17) or
AOT cache (JDK 25), against plain `java -cp` of the very same jars, and against jrun --no-aot.

Cases: hello world and a Jackson script (jackson-databind 2.17.2, an ObjectMapper writing and
reading a small map), each on JDK 17 and JDK 25. The three commands of a case run alternately,
in rotating order, so that the machine's noise falls on all alike; the report gives medians.

    bench/aot.sh [--runs N] [--only hello-17 jackson-25 ...]     (JRUN=/path/to/jrun)
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import jdk  # noqa: E402  (the lead's bench: finds a JDK by major version)

HELLO = """public class hello {
    public static void main(String[] args) {
        System.out.println("hello " + args.length);
    }
}
"""

JACKSON = """//DEPS com.fasterxml.jackson.core:jackson-databind:2.17.2
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class jackson {
    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "jrun");
        map.put("n", 3);
        map.put("list", List.of(1, 2, 3));
        String json = mapper.writeValueAsString(map);
        Map<?, ?> back = mapper.readValue(json, Map.class);
        System.out.println(json + " " + back.size());
    }
}
"""


def run(cmd, env, cwd):
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL)
    dt = time.perf_counter() - t
    if p.returncode != 0 or p.stderr:
        sys.exit("bench: %s failed (%d) or wrote to stderr: %s" % (" ".join(cmd), p.returncode, p.stderr.decode()))
    return dt


def entry_of(cache):
    """The newest entry's current build, its class path, and its archive."""
    entries = os.path.join(cache, "entries")
    newest = max((os.path.join(entries, e) for e in os.listdir(entries)), key=os.path.getmtime)
    with open(os.path.join(newest, "current")) as f:
        newest = os.path.join(newest, f.read().strip())  # the entry's current build holds its files
    props = {}
    with open(os.path.join(newest, "aot.properties")) as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                k, v = line.rstrip("\n").split("=", 1)
                props[k] = v.replace("\\:", ":").replace("\\=", "=").replace("\\\\", "\\")
    return newest, props["classpath"], props["archive"]


def case(name, cmds, runs, env, cwd, warm=3):
    for _ in range(warm):
        for c in cmds:
            run(c, env, cwd)
    times = [[] for _ in cmds]
    for i in range(runs):
        for k in range(len(cmds)):
            j = (i + k) % len(cmds)
            times[j].append(run(cmds[j], env, cwd))
    med = [statistics.median(t) * 1000 for t in times]
    spread = [(statistics.quantiles(t, n=4)[2] - statistics.quantiles(t, n=4)[0]) * 1000 for t in times]
    return name, med, spread


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jrun", default=os.environ.get("JRUN"))
    ap.add_argument("--runs", type=int, default=31)
    ap.add_argument("--only", nargs="*")
    args = ap.parse_args()
    if not args.jrun:
        sys.exit("bench: set JRUN or --jrun")

    work = tempfile.mkdtemp(prefix="jrun-bench-aot-")
    try:
        env = dict(os.environ)
        env.pop("JRUN_NO_AOT", None)
        # the builder JVM builds every entry: a build the compile server made leaves its archive to its
        # next run, and a server warming up would overlap the timed runs
        env["JRUN_COMPILE_SERVER"] = "off"
        env["JRUN_CACHE_DIR"] = os.path.join(work, "cache")
        for n, text in (("hello", HELLO), ("jackson", JACKSON)):
            with open(os.path.join(work, n + ".java"), "w") as f:
                f.write(text)
        rows = []
        for script in ("hello", "jackson"):
            for major in (17, 25):
                name = "%s-%d" % (script, major)
                if args.only and name not in args.only:
                    continue
                home = jdk(major)
                if home is None:
                    print("bench: no JDK %d found; skipping %s" % (major, name), file=sys.stderr)
                    continue
                jrun = [args.jrun, "--java", str(major), script + ".java"]
                run(jrun, env, work)  # builds the entry and records its classes
                entry, cp, archive = entry_of(env["JRUN_CACHE_DIR"])
                deadline = time.time() + 120
                while not os.path.exists(archive) and time.time() < deadline:
                    time.sleep(0.2)
                if not os.path.exists(archive):
                    sys.exit("bench: no archive was made for %s; see %s/aot.log" % (name, entry))
                while os.path.exists(os.path.join(entry, "aot.lock")):
                    time.sleep(0.2)  # the maker is done
                plain = [os.path.join(home, "bin/java"), "-cp", cp, script]
                noaot = [args.jrun, "--no-aot", "--java", str(major), script + ".java"]
                rows.append(case(name, [jrun, plain, noaot], args.runs, env, work))
        print("%-11s %10s %14s %10s %8s %10s" % ("case", "jrun ms", "java -cp ms", "ratio", "no-aot", "ratio"))
        for name, (a, b, c), (sa, sb, sc) in rows:
            print("%-11s %10.1f %14.1f %9.2fx %8.1f %9.2fx   (IQR ms: %.0f %.0f %.0f)"
                  % (name, a, b, a / b, c, c / b, sa, sb, sc))
        print("(medians of %d rotating runs each; java -cp: the entry's own jars, JDK default CDS;"
              " no-aot: jrun --no-aot)" % args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
