#!/usr/bin/env bash
# Java for Spark (`quotes spark`, quotes.spark and their tests): Debian's openjdk-17-jre-headless,
# installed with apt-get when no `java` is on the PATH (nor in JAVA_HOME) and we are root;
# `make install` calls this.
#
# Idempotent and quiet: nothing is fetched when a java is there already (any JDK or JRE of
# version 17 or later will do; Spark 4 needs 17+). Not root (or no apt-get): one line naming
# what is missing, exit 0; the Spark tests then skip, naming it too.
set -euo pipefail

if command -v java >/dev/null || { [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; }; then
  exit 0
fi
# The package's post-install script wants the man page folder that slim images leave out.
[ "$(id -u)" -ne 0 ] || mkdir -p /usr/share/man/man1
source "$(dirname "$0")/apt-install.sh"
apt_install java "the Spark tests will skip" openjdk-17-jre-headless
