#!/usr/bin/env bash
#
# The load harness (deploy/load-harness) from the command line:
#   deploy/local/harness.sh load  [options]   end-to-end load benchmark with its same-run baseline
#   deploy/local/harness.sh chaos [options]   kill -9 every process in turn, audit the topics, poison pills
# Builds the harness when it is missing (the services must be built: deploy/local/run.sh --build, or mvn package).
# Options: deploy/local/harness.sh --help; details in deploy/README.md ("Load, chaos and demo traffic").
set -euo pipefail

LR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$LR_ROOT/deploy/local/lib.sh"
lr_defaults
lr_find_java

if ! lr_harness_built || ! lr_tools_built; then
  command -v "$LR_MVN" >/dev/null 2>&1 || lr_die "Maven ($LR_MVN) not found; it is needed to build deploy/load-harness"
  lr_log "building deploy/load-harness (mvn package, tests skipped)"
  # shellcheck disable=SC2086
  (cd "$LR_ROOT" && "$LR_MVN" -B -ntp -q $LR_MVN_ARGS -Dmaven.test.skip=true package \
    -pl deploy/broker,deploy/registry,deploy/stack-tools,deploy/load-harness -am) || lr_die "building deploy/load-harness failed"
fi

cp="$LR_HARNESS_HOME/target/classes:$(tr -d '\n' <"$LR_HARNESS_HOME/target/load-harness.classpath")"
# Full JIT and a roomy heap: the harness measures, it must not be the bottleneck.
exec "$LR_JAVA" ${LEADRELAY_HARNESS_RUN_OPTS:--Xmx1g -XX:+UseParallelGC} -cp "$cp" \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dleadrelay.root="$LR_ROOT" \
  io.leadrelay.harness.Harness "$@"
