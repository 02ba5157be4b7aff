#!/usr/bin/env bash
# Runs the given command (the test runner) inside a private network namespace
# with only loopback, so test servers (Bolt, Streamlit) are reachable by the
# tests and by nothing else, and no test can reach the outside network.
set -euo pipefail
if [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
  exec unshare -n bash -c 'ip link set lo up && exec "$@"' run-tests "$@"
fi
echo "note: no private network namespace available; running tests on the host network" >&2
exec "$@"
