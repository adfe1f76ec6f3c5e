#!/bin/sh
# Cached jrun with its class-data-sharing archive / AOT cache against plain `java -cp` of the same
# jars, hello world and a Jackson script, on JDK 17 and 25; see bench/aot.py.
#   JRUN=/path/to/jrun bench/aot.sh [--runs N] [--only hello-17 jackson-25 ...]
# Without JRUN it installs jrun from this checkout into bench/work/prefix first.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${JRUN:-}" ]; then
    "$here/../install" --prefix "$here/work/prefix" --no-binfmt >/dev/null
    JRUN=$here/work/prefix/bin/jrun
fi
exec python3 "$here/aot.py" --jrun "$JRUN" "$@"
