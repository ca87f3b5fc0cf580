#!/usr/bin/env bash
#
# Runs the whole Leadrelay pipeline on this machine: Kafka (KRaft, one node), Apicurio Registry, the
# catalog's topics, demo reference data, and every service module that is built. Ctrl-C stops it all.
# See deploy/README.md for options and settings.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: deploy/local/run.sh [options]

  --clean              start empty: delete Kafka data, registry database, service state and logs first
  --data-dir DIR       where data, logs and pids go (default deploy/local/data; env LEADRELAY_DATA_DIR)
  --services LIST      comma-separated service modules to start (default: all four; env LEADRELAY_SERVICES)
  --no-services        start only broker and registry, create topics, load demo data
  --build              rebuild the deploy and service modules first (mvn package, tests skipped)
  --no-build           never run Maven; fail if the deploy modules are not built
  --no-demo-data       create topics but load no demo data (env LEADRELAY_DEMO_DATA=skip)
  --demo               keep demo traffic flowing once ready: a few synthetic leads per second and simulated
                       partners answering through the HTTP API (env LEADRELAY_DEMO_LEADS_PER_SECOND, default 2)
  --restart            start any process of the stack again when it exits (env LEADRELAY_RESTART=1); the
                       chaos run uses it
  -h, --help           this text

Ports and every other setting: environment variables LEADRELAY_*, see deploy/README.md.
EOF
}

LR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$LR_ROOT/deploy/local/lib.sh"

clean=0 build=auto service_list="${LEADRELAY_SERVICES:-}" data_dir="${LEADRELAY_DATA_DIR:-$LR_ROOT/deploy/local/data}"
no_services=0 demo=0
while (($#)); do
  case "$1" in
    --clean) clean=1 ;;
    --data-dir) [[ $# -ge 2 ]] || { usage >&2; exit 2; }; data_dir=$2; shift ;;
    --data-dir=*) data_dir=${1#*=} ;;
    --services) [[ $# -ge 2 ]] || { usage >&2; exit 2; }; service_list=$2; shift ;;
    --services=*) service_list=${1#*=} ;;
    --no-services) no_services=1 ;;
    --build) build=force ;;
    --no-build) build=never ;;
    --no-demo-data) export LEADRELAY_DEMO_DATA=skip ;;
    --demo) demo=1 ;;
    --restart) export LEADRELAY_RESTART=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

started_at=$SECONDS
lr_init "$data_dir"
((demo)) && LR_WANT_HARNESS=1

on_exit() {
  local rc=$?
  set +e
  trap 'lr_log "still stopping, please wait"' INT TERM HUP
  trap - EXIT
  if [[ -n "${LR_FG_PID:-}" ]]; then
    kill -TERM "$LR_FG_PID" 2>/dev/null || true
    wait "$LR_FG_PID" 2>/dev/null || true
  fi
  if ((${#LR_STARTED[@]})); then
    lr_log "stopping the stack"
    lr_stop_all
    lr_log "stopped"
  fi
  rm -f "$LR_DATA/run.pid" "$LR_DATA/stack.env"
  exit "$rc"
}
trap on_exit EXIT
trap 'lr_log "interrupted"; exit 130' INT
trap 'lr_log "terminated"; exit 143' TERM HUP
# A closed stdout (run.sh | tee, Ctrl-C kills tee first) must not kill this shell before it stops the stack.
trap '' PIPE

lr_lock
lr_stop_leftovers
((clean)) && lr_clean

# --- which services
if ((no_services)); then
  wanted=()
elif [[ -n "$service_list" ]]; then
  IFS=', ' read -r -a wanted <<<"$service_list"
  for m in "${wanted[@]}"; do lr_service_port "$m" >/dev/null; done
else
  wanted=("${LR_SERVICES_ALL[@]}")
fi

# --- tools and free ports, before anything slow
lr_find_java
lr_find_registry_java
lr_check_ports "Kafka broker=$LR_KAFKA_PORT" "Kafka controller=$LR_CONTROLLER_PORT" \
  "schema registry=$LR_REGISTRY_PORT" "schema registry management=$LR_REGISTRY_MANAGEMENT_PORT"

# --- build what is missing
present=()
for m in "${wanted[@]}"; do
  if [[ -f "$LR_ROOT/$m/pom.xml" ]]; then present+=("$m"); else lr_log "$m: no such module in this checkout, skipped"; fi
done
case "$build" in
  force) lr_build 1 "${present[@]}" ;;
  auto) lr_build 0 "${present[@]}" ;;
  never) ;;
esac
lr_broker_built || lr_die "the broker classpath is missing: build with 'mvn -pl deploy/broker package' or drop --no-build"
lr_registry_built || lr_die "Apicurio Registry is not unpacked: build with 'mvn -pl deploy/registry package' or drop --no-build"
lr_tools_built || lr_die "stack-tools is not built: build with 'mvn -pl deploy/stack-tools -am package' or drop --no-build"
if ((demo)); then
  lr_harness_built || lr_die "--demo needs deploy/load-harness built: 'mvn -pl deploy/load-harness -am package', or drop --no-build"
fi

runnable=()
for m in "${present[@]}"; do
  if lr_service_available "$m"; then
    runnable+=("$m")
  else
    lr_log "$m: no built fast-jar ($(lr_service_jar "$m" | sed "s|^$LR_ROOT/||")), skipped"
  fi
done
ports=()
for m in "${runnable[@]}"; do ports+=("$m=$(lr_service_port "$m")"); done
((${#ports[@]} == 0)) || lr_check_ports "${ports[@]}"
if ((demo)); then
  for m in ingest-service routing-stream feedback-service; do
    [[ " ${runnable[*]} " == *" $m "* ]] || lr_die "--demo needs $m (it is not built or not among --services)"
  done
fi

LR_ADMIN_TOKEN="${LEADRELAY_ADMIN_TOKEN:-$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')}"
export LEADRELAY_ADMIN_TOKEN="$LR_ADMIN_TOKEN"

# --- infrastructure (the registry first: it takes longest, and the broker's log directory is formatted meanwhile)
lr_start_registry
lr_start_broker
lr_wait_broker
lr_setup_topics
lr_wait_registry

# --- services
for m in "${runnable[@]}"; do lr_start_service "$m"; done
for m in "${runnable[@]}"; do lr_wait_service "$m"; done

lr_write_env "${runnable[@]}"
((demo)) && lr_start_demo

echo
echo "Leadrelay local stack (data: $LR_DATA)"
printf '  %-22s %s\n' "Kafka bootstrap" "$LR_BOOTSTRAP"
printf '  %-22s %s\n' "Schema registry" "$LR_REGISTRY_URL"
printf '  %-22s %s\n' "  Confluent API" "$LR_CCOMPAT_URL"
for m in "${runnable[@]}"; do
  printf '  %-22s %s\n' "$m" "http://$LR_HOST:$(lr_service_port "$m")  (/q/health, /q/metrics, /q/openapi)"
done
for m in "${runnable[@]}"; do
  [[ "$m" == routing-stream ]] && printf '  %-22s %s\n' "Dashboard" "http://$LR_HOST:$(lr_service_port "$m")/dashboard"
done
((${#runnable[@]})) || printf '  %-22s %s\n' "Services" "none started"
printf '  %-22s %s\n' "Admin token" "LEADRELAY_ADMIN_TOKEN=$LR_ADMIN_TOKEN"
printf '  %-22s %s\n' "Environment file" "$LR_DATA/stack.env"
printf '  %-22s %s\n' "Logs" "$LR_LOGS"
if ((demo)); then
  printf '  %-22s %s\n' "Demo traffic" "$LR_DEMO_LEADS_PER_SECOND leads/s, log: $LR_LOGS/demo.log (lead ids there; history: GET /api/v1/leads/{id} on routing-stream)"
fi
echo "ready in $((SECONDS - started_at)) s - Ctrl-C stops everything"

lr_watch broker registry
