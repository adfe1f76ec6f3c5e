#!/usr/bin/env python3
"""Times jrun against plain java, side by side, in one invocation.

Each case is a pair of commands run alternately (A, B, A, B, ...) so that the machine's noise falls
on both alike; the report gives the median wall time of each and their ratio. Usage:

    bench/run [--runs N] [--only NAME...]

Cases (the README quotes their figures):
  cached-17   cached `jrun hello.java` (with its archive) vs `java -cp hello.jar hello`   (JDK 17)
  noaot-17    the same with `jrun --no-aot`: the front end's own cost
  opts-17     cached `jrun -Dgreeting=hi -R -Xss1m hello.java` vs `java -Dgreeting=hi -Xss1m -cp hello.jar hello`
  cached-25, noaot-25   the same on JDK 25
  first-17    `jrun --fresh hello.java`       vs `java hello.java` (JEP 330)     (JDK 17)
  first-25    the same on JDK 25
  edit-17     the run after an edit, the compile server warm: append a comment line to edit.java, then,
              100 ms later (a command typed after a save), `jrun edit.java`, vs `java edit.java` (which
              compiles every run anyway)   (JDK 17)
  edit-now-17 the same, run at once after the edit (as `jrun --watch` does): such a build also waits
              for the rest of jrun's 50 ms quiet window after a save (docs/robustness.md)
  edit-25     the same as edit-17 on JDK 25 (the server's kept compiler JVM for JDK 25)
  jsh-17      cached `jrun hello.jsh` vs `jshell hello.jsh` (JBang's way: a fresh jshell, and its remote
              agent JVM, every run)   (JDK 17)
  server-rss  the compile server's resident memory when idle, and its JDK 25 compiler's (no ratio)

Every case but edit-* runs with JRUN_COMPILE_SERVER=off: a server started by a build would warm up in
the background while later cases are timed. (first-* is then exactly a first run with no server
running: a build starts one only after its run.)
"""
import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HELLO = """public class hello {
    public static void main(String[] args) {
        System.out.println("hello " + args.length);
    }
}
"""

HELLO_JSH = """System.out.println("hello " + List.of(1, 2).size())
/exit
"""


def jdk(major):
    for home in sorted(os.listdir("/usr/lib/jvm")):
        path = os.path.join("/usr/lib/jvm", home)
        try:
            with open(os.path.join(path, "release")) as f:
                text = f.read()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("JAVA_VERSION="):
                v = line.split("=", 1)[1].strip('"')
                if v.split(".")[0] == str(major) and os.path.exists(os.path.join(path, "bin/javac")):
                    return os.path.realpath(path)
    return None


def run(cmd, env, cwd):
    if callable(cmd):
        return cmd()
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit("bench: %s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr.decode()))
    return dt


def settle(cache, timeout=120):
    """Waits until no archive maker is at work in the cache (its entry's aot.lock is gone)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        # (a maker's gate is in the build it makes the archive of: entries/NAME/b-ID/aot.lock)
        if not glob.glob(os.path.join(cache, "entries", "*", "b-*", "aot.lock")):
            return
        time.sleep(0.2)


# How long before the timed run an edit case saves its file: a command typed after a save comes
# later than this; jrun waits for a file saved less than 50 ms ago to be quiet (docs/robustness.md).
EDIT_LEAD = 0.1


def edited(path, cmd, env, cwd, lead=EDIT_LEAD):
    """A command run lead seconds after an edit of path: a comment line appended (not timed)."""
    count = [0]

    def go():
        count[0] += 1
        with open(path, "a") as f:
            f.write("// edit %d %d\n" % (count[0], time.time_ns()))
        time.sleep(lead)
        return run(cmd, env, cwd)
    return go


def wait_for_server(cache, timeout=120):
    """Waits until the compile server of the cache has warmed up."""
    deadline = time.time() + timeout
    servers = os.path.join(cache, "server")
    while time.time() < deadline:
        for d in os.listdir(servers) if os.path.isdir(servers) else []:
            try:
                with open(os.path.join(servers, d, "log")) as f:
                    if "warmed up" in f.read():
                        return
            except OSError:
                pass
        time.sleep(0.2)
    sys.exit("bench: no compile server started in %s" % cache)


def pair(name, a, b, runs, env, cwd, warm=3):
    for _ in range(warm):
        run(a, env, cwd)
        run(b, env, cwd)
    ta, tb = [], []
    for i in range(runs):
        # alternate which goes first, too
        if i % 2 == 0:
            ta.append(run(a, env, cwd)); tb.append(run(b, env, cwd))
        else:
            tb.append(run(b, env, cwd)); ta.append(run(a, env, cwd))
    ma, mb = statistics.median(ta), statistics.median(tb)
    return name, ma * 1000, mb * 1000, ma / mb


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jrun", required=True)
    ap.add_argument("--runs", type=int, default=31)
    ap.add_argument("--only", nargs="*")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="jrun-bench-")
    try:
        env = dict(os.environ)
        env["JRUN_CACHE_DIR"] = os.path.join(work, "cache")
        env["JRUN_COMPILE_SERVER"] = "off"
        served = dict(env)
        del served["JRUN_COMPILE_SERVER"]
        with open(os.path.join(work, "hello.java"), "w") as f:
            f.write(HELLO)
        with open(os.path.join(work, "hello.jsh"), "w") as f:
            f.write(HELLO_JSH)
        with open(os.path.join(work, "edit.java"), "w") as f:
            f.write(HELLO.replace("class hello", "class edit"))
        rows = []
        for major in (17, 25):
            home = jdk(major)
            if home is None:
                print("bench: no JDK %d found; skipping its cases" % major, file=sys.stderr)
                continue
            java = os.path.join(home, "bin/java")
            classes = os.path.join(work, "classes%d" % major)
            subprocess.run([os.path.join(home, "bin/javac"), "-d", classes, "hello.java"], cwd=work, check=True)
            jar = os.path.join(work, "hello%d.jar" % major)
            subprocess.run([os.path.join(home, "bin/jar"), "cf", jar, "-C", classes, "."], check=True)
            jrun = [args.jrun, "--java", str(major), "hello.java"]
            if not args.only or "cached-%d" % major in args.only:
                run(jrun, env, work)  # build the entry
                run(jrun, env, work)  # record the classes for its archive ...
                settle(env["JRUN_CACHE_DIR"])  # ... and let the background maker finish
                rows.append(pair("cached-%d" % major, jrun, [java, "-cp", jar, "hello"], args.runs, env, work))
                noaot = [args.jrun, "--no-aot", "--java", str(major), "hello.java"]
                rows.append(pair("noaot-%d" % major, noaot, [java, "-cp", jar, "hello"], args.runs, env, work))
            if not args.only or "opts-%d" % major in args.only:
                # the cached run with JBang's -D and -R: the front end adds them with builtins only
                opts = [args.jrun, "-Dgreeting=hi", "-R", "-Xss1m", "--java", str(major), "hello.java"]
                run(opts, env, work)
                run(opts, env, work)
                settle(env["JRUN_CACHE_DIR"])
                rows.append(pair("opts-%d" % major, opts, [java, "-Dgreeting=hi", "-Xss1m", "-cp", jar, "hello"],
                                 args.runs, env, work))
            if not args.only or "first-%d" % major in args.only:
                fresh = [args.jrun, "--fresh", "--java", str(major), "hello.java"]
                # no archive maker left running in the background to overlap the next timed runs
                quiet = dict(env, JRUN_NO_AOT="1")
                rows.append(pair("first-%d" % major, fresh, [java, "hello.java"], max(11, args.runs // 2), quiet, work))
            if major == 17 and (not args.only or "jsh-17" in args.only):
                jsh = [args.jrun, "--java", "17", "hello.jsh"]
                run(jsh, env, work)  # build the entry (no compile: the dependencies, the runner)
                run(jsh, env, work)  # record the classes for its archive ...
                settle(env["JRUN_CACHE_DIR"])
                rows.append(pair("jsh-17", jsh, [os.path.join(home, "bin/jshell"), "hello.jsh"], max(7, args.runs // 4),
                                 env, work, warm=1))
            if not args.only or "edit-%d" % major in args.only or (major == 17 and "edit-now-17" in args.only):
                edit = [args.jrun, "--java", str(major), "edit.java"]
                run(edit, served, work)  # builds in the builder JVM, which starts the server
                wait_for_server(served["JRUN_CACHE_DIR"])
                settle(served["JRUN_CACHE_DIR"])  # the first run's archives (the JDK's classes') are made
                rows.append(pair("edit-%d" % major, edited(os.path.join(work, "edit.java"), edit, served, work),
                                 [java, "edit.java"], max(11, args.runs // 2), served, work))
                if major == 17:
                    rows.append(pair("edit-now-17", edited(os.path.join(work, "edit.java"), edit, served, work, 0),
                                     [java, "edit.java"], max(11, args.runs // 2), served, work))
        print("%-11s %12s %12s %8s" % ("case", "jrun ms", "baseline ms", "ratio"))
        for name, a, b, r in rows:
            print("%-11s %12.1f %12.1f %7.2fx" % (name, a, b, r))
        print("(medians of alternating runs; baseline: cached-*/noaot-* java -cp jar, first-*/edit-* java X.java)")
        if not args.only or any(o.startswith("edit") or o == "server-rss" for o in args.only):
            time.sleep(8)  # an idle server gives its builds' garbage back after 5 s
            status = subprocess.run([args.jrun, "server", "status"], env=served, stdout=subprocess.PIPE, text=True)
            print("server-rss (idle, after the edit cases):")
            print(status.stdout.rstrip())
        subprocess.run([args.jrun, "server", "stop"], env=served, stdout=subprocess.DEVNULL)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
