#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, when they are missing:
# chromium + chromium-driver (browser tests), postgresql (register tests), iproute2 (private test network), strace
# and a JDK with Maven (tools/build-neo4j-launcher.sh builds the Neo4j the tests start).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)  # the register tests start their own server
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)  # the register report test draws and reads the PDF
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v unshare >/dev/null 2>&1 || need+=(util-linux)
command -v strace >/dev/null 2>&1 || need+=(strace)  # the UI's no-outbound-connection test watches connect()
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)  # a JRE alone cannot compile the launcher
command -v mvn >/dev/null 2>&1 || need+=(maven)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${need[*]}. Install them as root: apt-get install ${need[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
