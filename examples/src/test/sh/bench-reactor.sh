#!/usr/bin/env bash
# Runs the JMH benchmarks (BenchmarkMain, or JMH's own Main with arguments) on what the reactor
# built, without `mvn install`: the modules' jars and test classes are copied into a snapshot
# folder first, so that rebuilding the work tree while a run goes on does not change what it runs.
#
#   mvn -B -q -o package -DskipTests            # from the root: the reactor's jars
#   examples/src/test/sh/bench-reactor.sh SNAPSHOT_DIR [quick]          # BenchmarkMain
#   examples/src/test/sh/bench-reactor.sh SNAPSHOT_DIR jmh ARGS...      # e.g. AssessBenchmark.engine -prof gc
#   examples/src/test/sh/bench-reactor.sh SNAPSHOT_DIR class CLASS ARGS...  # e.g. org.safecounty.bench.CpuTimeLoop
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
snap=${1:?snapshot folder}; shift
mode=${1:-full}; [ $# -gt 0 ] && shift
if [ ! -d "$snap/examples" ]; then
  mkdir -p "$snap/examples/target" "$snap/rules" "$snap/lib"
  cp -r "$root/examples/province" "$root/examples/data" "$snap/examples/"
  cp -r "$root/rules/hebei-fds-county-2014" "$snap/rules/"
  cp "$root/examples/target/safecounty.jar" "$snap/examples/target/"
  cp -r "$root/examples/target/test-classes" "$root/examples/target/classes" "$snap/examples/target/"
  cp "$root"/core/target/safecounty-core-*.jar "$root"/rules/target/safecounty-rules-*.jar "$snap/lib/"
  # the command line's jar finds its dependencies in lib/ beside it (BenchmarkMain times it)
  cp -r "$root/examples/target/lib" "$snap/examples/target/"
  (cd "$root" && mvn -B -q -o dependency:build-classpath -pl examples -Dmdep.includeScope=test \
      -Dmdep.outputFile="$snap/deps.txt" >/dev/null)
  # the reactor's own modules come from the snapshot, not from ~/.m2
  tr ':' '\n' < "$snap/deps.txt" | grep -v '/org/safecounty/' | paste -sd: - > "$snap/deps-external.txt"
fi
# as exec:exec's test class path: the module's test classes, then its own (logback.xml: WARN, else
# Drools logs every firing at DEBUG and the figures measure the log)
cp="$snap/examples/target/test-classes:$snap/examples/target/classes:$(ls "$snap"/lib/*.jar | paste -sd: -):$(cat "$snap/deps-external.txt")"
cd "$snap/examples"
case "$mode" in
  full)  exec java -Dsafecounty.bench.quick=false -cp "$cp" org.safecounty.bench.BenchmarkMain ;;
  quick) exec java -Dsafecounty.bench.quick=true -cp "$cp" org.safecounty.bench.BenchmarkMain ;;
  jmh)   exec java -cp "$cp" org.openjdk.jmh.Main "$@" ;;
  class) exec java -cp "$cp" "$@" ;;
  *) echo "unknown mode $mode (full, quick, jmh or class)" >&2; exit 2 ;;
esac
