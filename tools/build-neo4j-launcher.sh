#!/usr/bin/env bash
# Builds the embedded Neo4j test server (tools/neo4j-launcher) once and caches it:
#   .cache/neo4j-launcher/build/classes/  the compiled launcher
#   .cache/neo4j-launcher/classpath.txt   that directory plus every dependency jar (in ~/.m2)
#   .cache/neo4j-launcher/stamp           checksum of what the build came from
# Idempotent: does nothing while the pom, the Java sources and this script are unchanged and
# every jar on the cached classpath still exists; otherwise rebuilds with Maven.
# Needs a JDK 17+ (java, javac) and Maven on PATH; downloads only from Maven Central.
# Start it afterwards with: NEO4J_LAUNCHER_PASSWORD=... java -cp "$(cat .cache/neo4j-launcher/classpath.txt)" \
#   nl.ketenkaart.testserver.Neo4jLauncher PORT   (tests/neo4j_server.py does this for the tests)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/tools/neo4j-launcher"
DEST="$ROOT/.cache/neo4j-launcher"
MVN="${MVN:-mvn}"

die() {
  echo "build-neo4j-launcher: $*" >&2
  exit 1
}

command -v java >/dev/null 2>&1 || die "'java' not found on PATH: install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless)"
command -v javac >/dev/null 2>&1 || die "'javac' not found on PATH: a JRE is not enough, install a JDK 17 or newer (Debian: openjdk-17-jdk-headless)"
command -v "$MVN" >/dev/null 2>&1 || die "'$MVN' not found on PATH: install Apache Maven 3.6.3 or newer (Debian: apt-get install maven)"
JAVA_SPEC="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
[ "${JAVA_SPEC%%.*}" -ge 17 ] 2>/dev/null || die "Java ${JAVA_SPEC:-?} on PATH is too old: Neo4j 5.26 needs Java 17 or newer"

mkdir -p "$DEST"
# One build at a time (parallel make or test runs share the cache).
exec 9>"$DEST/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
fi

stamp() {
  {
    echo "$DEST"
    sha256sum "$SRC/pom.xml" "${BASH_SOURCE[0]}"
    find "$SRC/src" -type f -name '*.java' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  } | sha256sum | cut -d' ' -f1
}

up_to_date() {
  [ -f "$DEST/stamp" ] && [ -f "$DEST/classpath.txt" ] || return 1
  [ "$(cat "$DEST/stamp")" = "$1" ] || return 1
  local entry
  while IFS= read -r -d ':' entry; do
    [ -e "$entry" ] || return 1
  done < <(printf '%s:' "$(cat "$DEST/classpath.txt")")
}

WANT="$(stamp)"
if up_to_date "$WANT"; then
  exit 0
fi

echo "neo4j launcher: building with Maven (the first time, it downloads about 160 MB of jars into ~/.m2)" >&2
rm -f "$DEST/stamp" "$DEST/classpath.txt"
rm -rf "$DEST/build"
# Maven's output (errors only, with -q) goes to stderr, without the colour codes Debian's Maven
# prints even in batch mode.
"$MVN" -B -q -Dstyle.color=never -f "$SRC/pom.xml" \
  "-Dlauncher.build.directory=$DEST/build" \
  compile dependency:build-classpath \
  -Dmdep.includeScope=runtime "-Dmdep.outputFile=$DEST/build/dependencies.txt" 2>&1 \
  | sed 's/\x1b\[[0-9;]*m//g' >&2 \
  || die "Maven build failed (see the errors above)"

[ -f "$DEST/build/classes/nl/ketenkaart/testserver/Neo4jLauncher.class" ] || die "Maven did not produce Neo4jLauncher.class"
[ -s "$DEST/build/dependencies.txt" ] || die "Maven did not write the dependency classpath"
printf '%s:%s\n' "$DEST/build/classes" "$(cat "$DEST/build/dependencies.txt")" >"$DEST/classpath.txt.tmp"
mv "$DEST/classpath.txt.tmp" "$DEST/classpath.txt"
echo "$WANT" >"$DEST/stamp"
echo "neo4j launcher: ready in $DEST" >&2
