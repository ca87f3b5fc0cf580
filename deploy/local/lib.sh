# shellcheck shell=bash
#
# Process handling of the local Leadrelay stack: Kafka broker (KRaft, one node), Apicurio Registry,
# topic creation and demo data, and the Quarkus services. Sourced by deploy/local/run.sh; an
# end-to-end test can source it too (see deploy/README.md, "Reusing the stack").
#
# Every process is started in the background with its PID written to $LR_DATA/pids/<name>.pid and a
# marker -Dleadrelay.stack=<data dir> on its command line, and is stopped by that PID (SIGTERM, then
# SIGKILL after LEADRELAY_STOP_TIMEOUT seconds). Nothing is ever killed by name.
#
# Functions (all prefixed lr_): lr_init, lr_lock, lr_clean, lr_stop_leftovers, lr_find_registry_java,
# lr_check_ports, lr_build, lr_start_broker, lr_wait_broker, lr_start_registry, lr_wait_registry,
# lr_setup_topics, lr_start_service, lr_wait_service, lr_service_available, lr_start_demo, lr_restart,
# lr_stop, lr_stop_all, lr_watch, lr_write_env. lr_die prints a message and exits 1 (an EXIT trap then
# stops what started).

# ------------------------------------------------------------------------------------------- settings

LR_ROOT="${LR_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

lr_defaults() {
  LR_HOST="${LEADRELAY_HOST:-127.0.0.1}"
  LR_KAFKA_PORT="${LEADRELAY_KAFKA_PORT:-9092}"
  LR_CONTROLLER_PORT="${LEADRELAY_CONTROLLER_PORT:-9093}"
  LR_REGISTRY_PORT="${LEADRELAY_REGISTRY_PORT:-8088}"
  LR_REGISTRY_MANAGEMENT_PORT="${LEADRELAY_REGISTRY_MANAGEMENT_PORT:-8089}"
  LR_INGEST_PORT="${LEADRELAY_INGEST_PORT:-8091}"
  LR_QUALIFICATION_PORT="${LEADRELAY_QUALIFICATION_PORT:-8092}"
  LR_ROUTING_PORT="${LEADRELAY_ROUTING_PORT:-8093}"
  LR_FEEDBACK_PORT="${LEADRELAY_FEEDBACK_PORT:-8094}"
  LR_CLUSTER_ID="${LEADRELAY_KAFKA_CLUSTER_ID:-bGVhZHJlbGF5LWxvY2FsMQ}"
  LR_START_TIMEOUT="${LEADRELAY_START_TIMEOUT:-120}"
  LR_STOP_TIMEOUT="${LEADRELAY_STOP_TIMEOUT:-20}"
  LR_BROKER_JAVA_OPTS="${LEADRELAY_BROKER_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:TieredStopAtLevel=1}"
  LR_REGISTRY_JAVA_OPTS="${LEADRELAY_REGISTRY_JAVA_OPTS:--Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
  # Each service's memory budget: a fixed heap and SerialGC (2 cores, small heaps) keep a service under 300 MB RSS
  # (docs/benchmarks/pipeline.md); ExitOnOutOfMemoryError lets run.sh --restart bring back a service that ran out.
  # Min/MaxHeapFreeRatio: SerialGC grows the heap to 2.5 times the live data by default (routing: 135 MB for ~55 MB);
  # TrimNativeHeapInterval returns memory glibc malloc keeps after it was freed (compiler arenas, RocksDB) every 5 s.
  LR_SERVICE_MEMORY_OPTS="${LEADRELAY_SERVICE_MEMORY_OPTS:--Xms64m -Xmx192m -XX:+UseSerialGC -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=32m -Xss512k -XX:+ExitOnOutOfMemoryError -Djdk.nio.maxCachedBufferSize=262144 -XX:TrimNativeHeapInterval=5000}"
  LR_SERVICE_MALLOC_ARENA_MAX="${LEADRELAY_SERVICE_MALLOC_ARENA_MAX:-2}"
  # C1 only: with every process of the stack on one small machine, C2's compilations cost more CPU than their code
  # saves over a run of minutes, and each takes tens of MB of malloc while it runs (docs/benchmarks/pipeline.md).
  LR_SERVICE_JIT_OPTS="${LEADRELAY_SERVICE_JIT_OPTS--XX:TieredStopAtLevel=1}"
  LR_SERVICE_JAVA_OPTS="${LEADRELAY_SERVICE_JAVA_OPTS:-}"
  LR_TOOLS_JAVA_OPTS="${LEADRELAY_TOOLS_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
  LR_DEMO_DATA="${LEADRELAY_DEMO_DATA:-if-empty}"
  LR_DEMO_COMPANIES="${LEADRELAY_DEMO_COMPANIES:-300}"
  LR_DEMO_SEED="${LEADRELAY_DEMO_SEED:-20261127}"
  LR_MVN="${LEADRELAY_MVN:-mvn}"
  LR_MVN_ARGS="${LEADRELAY_MVN_ARGS:-}"
  LR_SERVICES_HOME="${LEADRELAY_SERVICES_HOME:-$LR_ROOT}"
  LR_RESTART="${LEADRELAY_RESTART:-0}"
  LR_MAX_RESTARTS="${LEADRELAY_MAX_RESTARTS:-20}"
  LR_DEMO_LEADS_PER_SECOND="${LEADRELAY_DEMO_LEADS_PER_SECOND:-2}"
  LR_HARNESS_JAVA_OPTS="${LEADRELAY_HARNESS_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m}"

  LR_BOOTSTRAP="$LR_HOST:$LR_KAFKA_PORT"
  LR_REGISTRY_URL="http://$LR_HOST:$LR_REGISTRY_PORT/apis/registry/v3"
  LR_CCOMPAT_URL="http://$LR_HOST:$LR_REGISTRY_PORT/apis/ccompat/v7"

  LR_BROKER_HOME="$LR_ROOT/deploy/broker"
  LR_REGISTRY_HOME="$LR_ROOT/deploy/registry/target/apicurio"
  LR_TOOLS_HOME="$LR_ROOT/deploy/stack-tools"
  LR_HARNESS_HOME="$LR_ROOT/deploy/load-harness"
}

# The service modules, in start order, each with its port.
LR_SERVICES_ALL=(ingest-service qualification-stream routing-stream feedback-service)

lr_service_port() {
  case "$1" in
    ingest-service) echo "$LR_INGEST_PORT" ;;
    qualification-stream) echo "$LR_QUALIFICATION_PORT" ;;
    routing-stream) echo "$LR_ROUTING_PORT" ;;
    feedback-service) echo "$LR_FEEDBACK_PORT" ;;
    *) lr_die "unknown service module: $1 (known: ${LR_SERVICES_ALL[*]})" ;;
  esac
}

# ------------------------------------------------------------------------------------------- messages

# Never fail: output may go to a pipe that is gone (run.sh | tee, then Ctrl-C), and the stack must
# still be stopped.
lr_log() { printf '[leadrelay %s] %s\n' "$(date +%H:%M:%S)" "$*" 2>/dev/null || true; }
lr_warn() { printf '[leadrelay %s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2 2>/dev/null || true; }
lr_die() {
  printf '[leadrelay %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2 2>/dev/null || true
  exit 1
}

# Last lines of a log file, indented, on stderr.
lr_tail() {
  [[ -f "$1" ]] || return 0
  {
    printf '    --- last lines of %s ---\n' "$1"
    tail -n "${2:-25}" "$1" | sed 's/^/    /'
  } >&2 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------- data layout

# lr_init DATA_DIR: sets LR_DATA and the directories below it, creates them.
lr_init() {
  lr_defaults
  mkdir -p "$1"
  LR_DATA="$(cd "$1" && pwd)"
  LR_PIDS="$LR_DATA/pids"
  LR_LOGS="$LR_DATA/logs"
  LR_MARKER="-Dleadrelay.stack=$LR_DATA"
  mkdir -p "$LR_PIDS" "$LR_LOGS"
  LR_STARTED=()
}

# lr_lock: one stack per data directory. The lock is released when this shell exits.
lr_lock() {
  if command -v flock >/dev/null 2>&1; then
    exec {LR_LOCK_FD}>"$LR_DATA/.lock"
    flock -n "$LR_LOCK_FD" || lr_die "another run.sh is already using $LR_DATA (stop it first, or use --data-dir)"
  fi
  echo "$$" >"$LR_DATA/run.pid"
}

# lr_clean: removes what a previous run left in the data directory (never the directory itself).
lr_clean() {
  lr_log "--clean: removing Kafka data, registry database, service state and logs in $LR_DATA"
  rm -rf "$LR_DATA/kafka" "$LR_DATA/registry" "$LR_DATA/services" "$LR_DATA/stack.env"
  rm -f "$LR_LOGS"/*.log "$LR_LOGS"/*.log.1
}

# ------------------------------------------------------------------------------------------ processes

# Whether PID is alive and is one of ours (its command line carries this data directory's marker).
lr_is_ours() {
  local pid=$1
  lr_running "$pid" || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "$LR_MARKER"
}

# lr_stop_leftovers: stops processes that a killed earlier run of this data directory left behind.
lr_stop_leftovers() {
  local file name pid
  for file in "$LR_PIDS"/*.pid; do
    [[ -e "$file" ]] || continue
    name="$(basename "$file" .pid)"
    pid="$(cat "$file" 2>/dev/null || true)"
    if lr_is_ours "$pid"; then
      lr_warn "$name (pid $pid) is still running from an earlier run; stopping it"
      lr_stop "$name"
    fi
    rm -f "$file"
  done
}

# lr_spawn NAME LOGFILE WORKDIR CMD...: starts CMD in the background (stdin from /dev/null, output to
# LOGFILE, which is kept as LOGFILE.1 from the run before), records its PID. With LR_APPEND_LOG=1 (a
# restart) the output is appended to LOGFILE instead, so the log shows what happened before the crash.
lr_spawn() {
  local name=$1 log=$2 dir=$3
  shift 3
  if [[ "${LR_APPEND_LOG:-0}" == 1 ]]; then
    printf '\n===== %s restarted by run.sh at %s =====\n' "$name" "$(date -Iseconds)" >>"$log"
  else
    [[ -f "$log" ]] && mv -f "$log" "$log.1"
  fi
  mkdir -p "$dir"
  # setsid: its own session, so a Ctrl-C in the terminal reaches only run.sh, which then stops
  # everything in order. (With job control on, background jobs have their own process group anyway,
  # and setsid would fork, so $! would not be the process.) The lock file descriptor is not inherited.
  local setsid=()
  if [[ $- != *m* ]] && command -v setsid >/dev/null 2>&1; then setsid=(setsid); fi
  (
    [[ -n "${LR_LOCK_FD:-}" ]] && eval "exec ${LR_LOCK_FD}>&-"
    cd "$dir" && exec "${setsid[@]}" "$@" >>"$log" 2>&1 </dev/null
  ) &
  echo "$!" >"$LR_PIDS/$name.pid"
  [[ " ${LR_STARTED[*]} " == *" $name "* ]] || LR_STARTED+=("$name")
}

lr_pid() { cat "$LR_PIDS/$1.pid" 2>/dev/null || true; }

# Whether PID runs: exists and is not a zombie (one read of /proc, so a process that is reaped
# between two checks cannot look alive).
lr_running() {
  local state
  [[ -n "$1" ]] || return 1
  state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z ]]
}

lr_alive() { lr_running "$(lr_pid "$1")"; }

# lr_stop NAME: SIGTERM to the recorded PID, SIGKILL after LEADRELAY_STOP_TIMEOUT seconds.
lr_stop() {
  local name=$1 pid i
  pid="$(lr_pid "$name")"
  if [[ -z "$pid" ]]; then
    return 0
  fi
  if lr_running "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < LR_STOP_TIMEOUT * 10; i++)); do
      lr_running "$pid" || break
      sleep 0.1
    done
    if lr_running "$pid"; then
      lr_warn "$name (pid $pid) did not stop within ${LR_STOP_TIMEOUT}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
  rm -f "$LR_PIDS/$name.pid"
}

# lr_stop_all: stops everything this shell started, in reverse order. Safe to call more than once.
lr_stop_all() {
  local i name
  for ((i = ${#LR_STARTED[@]} - 1; i >= 0; i--)); do
    name="${LR_STARTED[$i]}"
    if lr_alive "$name"; then
      lr_log "stopping $name (pid $(lr_pid "$name"))"
    fi
    lr_stop "$name"
  done
  LR_STARTED=()
}

# ----------------------------------------------------------------------------------------------- java

# Major version of a java binary ("17", "25"), empty if it cannot be run.
lr_java_major() {
  local version="" bin
  # The JDK's release file answers without starting a JVM.
  bin="$(readlink -f "$1" 2>/dev/null || echo "$1")"
  if [[ -f "${bin%/bin/java}/release" ]]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "${bin%/bin/java}/release")"
  fi
  if [[ -z "$version" ]]; then
    version="$("$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/^ *java.specification.version = /{print $2; exit}')"
  fi
  version="${version#1.}"
  echo "${version%%.*}"
}

# lr_find_java: LR_JAVA, for broker, tools and services: $LEADRELAY_JAVA, else $JAVA_HOME/bin/java, else java.
lr_find_java() {
  if [[ -n "${LEADRELAY_JAVA:-}" ]]; then
    LR_JAVA="$LEADRELAY_JAVA"
  elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    LR_JAVA="$JAVA_HOME/bin/java"
  else
    LR_JAVA="$(command -v java || true)"
  fi
  [[ -n "$LR_JAVA" && -x "$LR_JAVA" ]] || lr_die "no java found (set JAVA_HOME or LEADRELAY_JAVA; Java 17 or newer)"
  local major
  major="$(lr_java_major "$LR_JAVA")"
  [[ -n "$major" && "$major" -ge 17 ]] || lr_die "$LR_JAVA is Java ${major:-?}; the stack needs Java 17 or newer"
}

# lr_find_registry_java: LR_REGISTRY_JAVA, a Java 21+ for Apicurio Registry: $LEADRELAY_REGISTRY_JAVA_HOME,
# else $JAVA_HOME if it is 21+, else the newest 21+ JDK under /usr/lib/jvm (or LEADRELAY_JVM_DIRS).
lr_find_registry_java() {
  local home major best="" best_major=0
  if [[ -n "${LEADRELAY_REGISTRY_JAVA_HOME:-}" ]]; then
    major="$(lr_java_major "$LEADRELAY_REGISTRY_JAVA_HOME/bin/java" 2>/dev/null || true)"
    [[ -n "$major" && "$major" -ge 21 ]] ||
      lr_die "LEADRELAY_REGISTRY_JAVA_HOME=$LEADRELAY_REGISTRY_JAVA_HOME is not a JDK 21 or newer (Apicurio Registry needs one)"
    best="$LEADRELAY_REGISTRY_JAVA_HOME" best_major="$major"
  elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] &&
    major="$(lr_java_major "$JAVA_HOME/bin/java")" && [[ -n "$major" && "$major" -ge 21 ]]; then
    best="$JAVA_HOME" best_major="$major"
  else
    for home in ${LEADRELAY_JVM_DIRS:-/usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*}; do
      [[ -x "$home/bin/java" ]] || continue
      major="$(lr_java_major "$home/bin/java")"
      if [[ -n "$major" ]] && ((major >= 21 && major > best_major)); then
        best="$home" best_major="$major"
      fi
    done
  fi
  [[ -n "$best" ]] || lr_die "no JDK 21 or newer found for Apicurio Registry (looked at LEADRELAY_REGISTRY_JAVA_HOME, JAVA_HOME and ${LEADRELAY_JVM_DIRS:-/usr/lib/jvm/*}); install one, or set LEADRELAY_REGISTRY_JAVA_HOME"
  LR_REGISTRY_JAVA="$best/bin/java"
  LR_REGISTRY_JAVA_MAJOR="$best_major"
}

# ---------------------------------------------------------------------------------------------- ports

# Whether something accepts connections on HOST:PORT.
lr_port_taken() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# lr_check_ports NAME=PORT...: dies naming every port that is already taken.
lr_check_ports() {
  local pair taken=()
  for pair in "$@"; do
    if lr_port_taken "$LR_HOST" "${pair#*=}"; then
      taken+=("${pair#*=} (${pair%%=*})")
    fi
  done
  if ((${#taken[@]})); then
    lr_die "port(s) already in use on $LR_HOST: ${taken[*]}. Stop what uses them, or choose other ports (see deploy/README.md: LEADRELAY_*_PORT)."
  fi
}

# HTTP status of a GET (000 when nothing answers).
lr_http_status() {
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true
  else
    local rest=${1#http://} hostport path status
    hostport=${rest%%/*} path=/${rest#*/}
    status="$( (exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}" &&
      printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&3 &&
      timeout 3 head -n1 <&3) 2>/dev/null | awk '{print $2}')"
    echo "${status:-000}"
  fi
}

# ---------------------------------------------------------------------------------------------- build

# Whether every entry of a classpath file exists.
lr_classpath_ok() {
  [[ -s "$1" ]] || return 1
  local entry
  while IFS= read -r -d ':' entry; do
    [[ -z "$entry" || -e "$entry" ]] || return 1
  done < <(tr -d '\n' <"$1"; printf ':')
}

lr_broker_built() { lr_classpath_ok "$LR_BROKER_HOME/target/broker.classpath"; }
lr_registry_built() { [[ -f "$LR_REGISTRY_HOME/quarkus-run.jar" ]]; }
lr_tools_built() {
  [[ -d "$LR_TOOLS_HOME/target/classes/io/leadrelay/deploy" ]] && lr_classpath_ok "$LR_TOOLS_HOME/target/stack-tools.classpath"
}
lr_service_jar() { echo "$LR_SERVICES_HOME/$1/target/quarkus-app/quarkus-run.jar"; }
lr_harness_built() {
  [[ -d "$LR_HARNESS_HOME/target/classes/io/leadrelay/harness" ]] && lr_classpath_ok "$LR_HARNESS_HOME/target/load-harness.classpath"
}
lr_service_available() { [[ -f "$(lr_service_jar "$1")" ]]; }

# lr_run_fg CMD...: runs CMD in the background and waits, so a signal to this shell is handled at once.
lr_run_fg() {
  "$@" &
  LR_FG_PID=$!
  local rc=0
  wait "$LR_FG_PID" || rc=$?
  LR_FG_PID=""
  return "$rc"
}

lr_mvn() {
  local log=$1
  shift
  # shellcheck disable=SC2086
  (cd "$LR_ROOT" && exec "$LR_MVN" -B -ntp $LR_MVN_ARGS -Dmaven.test.skip=true "$@") >>"$log" 2>&1 </dev/null
}

# lr_build FORCE SERVICES...: builds (mvn package -am, tests skipped, nothing installed) the deploy modules and the given
# service modules whose artifacts are missing, or all of them when FORCE is 1. A service whose build
# fails is reported and left out; a failing deploy build is fatal.
lr_build() {
  local force=$1
  shift
  local modules=() services=() m log="$LR_LOGS/build.log"
  command -v "$LR_MVN" >/dev/null 2>&1 || lr_die "Maven ($LR_MVN) not found; it is needed to build the stack (or build it elsewhere and use --no-build)"
  if [[ $force == 1 ]] || ! lr_broker_built || ! lr_registry_built || ! lr_tools_built; then
    modules+=(deploy/broker deploy/registry deploy/stack-tools)
  fi
  # The demo's lead and partner simulation (LR_WANT_HARNESS=1: run.sh --demo).
  if [[ "${LR_WANT_HARNESS:-0}" == 1 ]] && { [[ $force == 1 ]] || ! lr_harness_built; }; then
    modules+=(deploy/load-harness)
  fi
  for m in "$@"; do
    [[ -f "$LR_ROOT/$m/pom.xml" ]] || continue
    if [[ $force == 1 ]] || ! lr_service_available "$m"; then
      modules+=("$m") services+=("$m")
    fi
  done
  ((${#modules[@]})) || return 0
  : >"$log"
  lr_log "building ${modules[*]} (mvn package, tests skipped; log: $log)"
  local started=$SECONDS
  if lr_run_fg lr_mvn "$log" package -pl "$(IFS=,; echo "${modules[*]}")" -am; then
    lr_log "build done in $((SECONDS - started)) s"
    return 0
  fi
  lr_warn "the combined build failed; building the modules one by one"
  if ! lr_broker_built || ! lr_registry_built || ! lr_tools_built || [[ $force == 1 ]] ||
    { [[ "${LR_WANT_HARNESS:-0}" == 1 ]] && ! lr_harness_built; }; then
    local deploy_modules=deploy/broker,deploy/registry,deploy/stack-tools
    [[ "${LR_WANT_HARNESS:-0}" == 1 ]] && deploy_modules+=,deploy/load-harness
    lr_run_fg lr_mvn "$log" package -pl "$deploy_modules" -am || {
      lr_tail "$log" 40
      lr_die "building the deploy modules failed (log: $log)"
    }
  fi
  for m in "${services[@]}"; do
    if ! lr_run_fg lr_mvn "$log" package -pl "$m" -am; then
      lr_warn "$m does not build; it will not be started (see $log)"
    fi
  done
  lr_log "build done in $((SECONDS - started)) s"
}

# ---------------------------------------------------------------------------------------------- kafka

lr_write_broker_config() {
  local dir="$LR_DATA/kafka"
  mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<EOF
# Written by deploy/local/lib.sh on every start; edit LEADRELAY_BROKER_PROPS instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$LR_HOST:$LR_CONTROLLER_PORT
listeners=PLAINTEXT://$LR_HOST:$LR_KAFKA_PORT,CONTROLLER://$LR_HOST:$LR_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$LR_HOST:$LR_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=6
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Topics come from the catalog (stack-tools create-topics); a typo must not create a new topic.
auto.create.topics.enable=false
log.retention.hours=168
log.segment.bytes=104857600
EOF
  if [[ -n "${LEADRELAY_BROKER_PROPS:-}" ]]; then
    printf '# LEADRELAY_BROKER_PROPS\n%s\n' "$LEADRELAY_BROKER_PROPS" >>"$dir/server.properties"
  fi
  cat >"$dir/log4j2.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Appenders>
    <Console name="stdout" target="SYSTEM_OUT">
      <PatternLayout pattern="%d{ISO8601} %-5p [%c{1}] %m%n"/>
    </Console>
  </Appenders>
  <Loggers>
    <Logger name="kafka" level="INFO"/>
    <Logger name="org.apache.kafka" level="INFO"/>
    <Logger name="state.change.logger" level="WARN"/>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="kafka.log.LogCleaner" level="WARN"/>
    <Logger name="org.apache.kafka.storage.internals.log.LogCleaner" level="WARN"/>
    <Root level="INFO">
      <AppenderRef ref="stdout"/>
    </Root>
  </Loggers>
</Configuration>
EOF
}

# lr_start_broker: formats the log directory (once; the cluster id is fixed) and starts kafka.Kafka.
lr_start_broker() {
  lr_write_broker_config
  local dir="$LR_DATA/kafka" cp
  cp="$(tr -d '\n' <"$LR_BROKER_HOME/target/broker.classpath")"
  local common=(-cp "$cp" "-Dlog4j2.configurationFile=$dir/log4j2.xml" -Djava.awt.headless=true)
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    "$LR_JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "${common[@]}" kafka.tools.StorageTool format \
      --ignore-formatted -t "$LR_CLUSTER_ID" -c "$dir/server.properties" >"$LR_LOGS/broker-format.log" 2>&1 || {
      lr_tail "$LR_LOGS/broker-format.log"
      lr_die "formatting the Kafka log directory failed (a different cluster id? use --clean)"
    }
  fi
  # shellcheck disable=SC2086
  lr_spawn broker "$LR_LOGS/broker.log" "$dir" "$LR_JAVA" "$LR_MARKER" $LR_BROKER_JAVA_OPTS "${common[@]}" \
    "-Dkafka.logs.dir=$LR_LOGS" kafka.Kafka "$dir/server.properties"
  lr_log "broker starting (pid $(lr_pid broker)), log: $LR_LOGS/broker.log"
}

# lr_wait_for NAME TIMEOUT PROBE...: waits until PROBE succeeds, dying if NAME's process exits first.
lr_wait_for() {
  local name=$1 timeout=$2
  shift 2
  local deadline=$((SECONDS + timeout)) hint=""
  case "$name" in
    broker | registry) ;;
    *) hint="; to run the stack without it, leave it out of --services" ;;
  esac
  while ! "$@"; do
    if ! lr_alive "$name"; then
      lr_tail "$LR_LOGS/$name.log"
      lr_die "$name exited during start (log: $LR_LOGS/$name.log$hint)"
    fi
    if ((SECONDS >= deadline)); then
      lr_tail "$LR_LOGS/$name.log"
      lr_die "$name not ready after ${timeout}s (log: $LR_LOGS/$name.log; raise LEADRELAY_START_TIMEOUT?$hint)"
    fi
    sleep 0.25
  done
}

lr_broker_started() { grep -q "Kafka Server started" "$LR_LOGS/broker.log" 2>/dev/null; }

lr_wait_broker() {
  lr_wait_for broker "$LR_START_TIMEOUT" lr_broker_started
  lr_log "broker ready on $LR_BOOTSTRAP"
}

# ------------------------------------------------------------------------------------------- registry

# lr_start_registry: Apicurio Registry with its H2 database in the data directory, so schema ids in
# Kafka stay valid across restarts.
lr_start_registry() {
  local dir="$LR_DATA/registry"
  mkdir -p "$dir/tmp"
  # shellcheck disable=SC2086
  lr_spawn registry "$LR_LOGS/registry.log" "$dir" "$LR_REGISTRY_JAVA" "$LR_MARKER" $LR_REGISTRY_JAVA_OPTS \
    "-Djava.io.tmpdir=$dir/tmp" \
    "-Dquarkus.http.host=$LR_HOST" "-Dquarkus.http.port=$LR_REGISTRY_PORT" \
    "-Dquarkus.management.host=$LR_HOST" "-Dquarkus.management.port=$LR_REGISTRY_MANAGEMENT_PORT" \
    -Dapicurio.rules.global.compatibility=BACKWARD -Dapicurio.rules.global.validity=FULL \
    "-Dapicurio.datasource.url=jdbc:h2:file:$dir/db/registry" \
    -Dapicurio.datasource.jdbc.initial-size=2 -Dapicurio.datasource.jdbc.min-size=2 \
    "-Dapicurio.storage.snapshot.location=$dir/tmp" \
    -jar "$LR_REGISTRY_HOME/quarkus-run.jar"
  lr_log "registry starting on Java $LR_REGISTRY_JAVA_MAJOR (pid $(lr_pid registry)), log: $LR_LOGS/registry.log"
}

lr_registry_ready() {
  [[ "$(lr_http_status "http://$LR_HOST:$LR_REGISTRY_MANAGEMENT_PORT/health/ready")" == 200 ]]
}

lr_wait_registry() {
  lr_wait_for registry "$LR_START_TIMEOUT" lr_registry_ready
  lr_log "registry ready on http://$LR_HOST:$LR_REGISTRY_PORT"
}

# ------------------------------------------------------------------------------- topics and demo data

# lr_setup_topics: creates the catalog's topics and loads the demo data (LEADRELAY_DEMO_DATA).
# The tool waits by itself for broker and registry, so it may start while they are still starting;
# it is stopped at once when broker or registry exits meanwhile.
lr_setup_topics() {
  local cp log="$LR_LOGS/setup.log" rc=0 name
  cp="$LR_TOOLS_HOME/target/classes:$(tr -d '\n' <"$LR_TOOLS_HOME/target/stack-tools.classpath")"
  # shellcheck disable=SC2086
  "$LR_JAVA" $LR_TOOLS_JAVA_OPTS -cp "$cp" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    io.leadrelay.deploy.StackTools setup --bootstrap "$LR_BOOTSTRAP" --registry "$LR_REGISTRY_URL" \
    --demo-data "$LR_DEMO_DATA" --companies "$LR_DEMO_COMPANIES" --seed "$LR_DEMO_SEED" \
    --timeout "$LR_START_TIMEOUT" >"$log" 2>&1 </dev/null &
  LR_FG_PID=$!
  while lr_running "$LR_FG_PID"; do
    for name in broker registry; do
      if ! lr_alive "$name"; then
        kill -TERM "$LR_FG_PID" 2>/dev/null || true
        wait "$LR_FG_PID" 2>/dev/null || true
        LR_FG_PID=""
        lr_tail "$LR_LOGS/$name.log"
        lr_die "$name exited during start (log: $LR_LOGS/$name.log)"
      fi
    done
    sleep 0.25
  done
  wait "$LR_FG_PID" || rc=$?
  LR_FG_PID=""
  if ((rc != 0)); then
    lr_tail "$log"
    lr_die "creating topics / loading demo data failed (log: $log)"
  fi
  sed 's/^/    /' "$log" 2>/dev/null || true
}

# ------------------------------------------------------------------------------------------- services

# lr_start_service MODULE: starts MODULE's Quarkus fast-jar on its contract port, pointed at this stack.
lr_start_service() {
  local m=$1 port dir jar extra=()
  port="$(lr_service_port "$m")"
  dir="$LR_DATA/services/$m"
  jar="$(lr_service_jar "$m")"
  mkdir -p "$dir/kafka-streams" "$dir/tmp"
  if compgen -G "$(dirname "$jar")/lib/main/io.quarkus.quarkus-kafka-streams-*.jar" >/dev/null; then
    extra+=("-Dquarkus.kafka-streams.bootstrap-servers=$LR_BOOTSTRAP" "-Dkafka-streams.state.dir=$dir/kafka-streams")
  fi
  # shellcheck disable=SC2086
  # MALLOC_ARENA_MAX: glibc's per-thread malloc arenas (RocksDB, Netty) otherwise add tens of MB of RSS per service.
  LEADRELAY_ADMIN_TOKEN="$LR_ADMIN_TOKEN" LEADRELAY_DATA_DIR="$dir" MALLOC_ARENA_MAX="$LR_SERVICE_MALLOC_ARENA_MAX" \
    lr_spawn "$m" "$LR_LOGS/$m.log" "$dir" "$LR_JAVA" "$LR_MARKER" $LR_SERVICE_MEMORY_OPTS $LR_SERVICE_JIT_OPTS $LR_SERVICE_JAVA_OPTS \
    "-Djava.io.tmpdir=$dir/tmp" \
    "-Dkafka.bootstrap.servers=$LR_BOOTSTRAP" \
    "-Dmp.messaging.connector.smallrye-kafka.apicurio.registry.url=$LR_REGISTRY_URL" \
    "-Dleadrelay.registry.url=$LR_REGISTRY_URL" \
    "-Dleadrelay.state.dir=$dir" \
    "-Dquarkus.http.host=$LR_HOST" "-Dquarkus.http.port=$port" \
    "${extra[@]}" -jar "$jar"
  lr_log "$m starting on port $port (pid $(lr_pid "$m")), log: $LR_LOGS/$m.log"
}

lr_service_ready() {
  [[ "$(lr_http_status "http://$LR_HOST:$(lr_service_port "$1")/q/health/ready")" == 200 ]]
}

lr_wait_service() {
  lr_wait_for "$1" "$LR_START_TIMEOUT" lr_service_ready "$1"
  lr_log "$1 ready on http://$LR_HOST:$(lr_service_port "$1")"
}

# ----------------------------------------------------------------------------------------------- demo

# lr_start_demo: the demo traffic (deploy/load-harness, "Harness demo"): synthetic leads through the ingest
# API and simulated partners through the partner API, against this stack (read from stack.env).
lr_start_demo() {
  local cp dir="$LR_DATA/demo"
  cp="$LR_HARNESS_HOME/target/classes:$(tr -d '\n' <"$LR_HARNESS_HOME/target/load-harness.classpath")"
  mkdir -p "$dir"
  # shellcheck disable=SC2086
  lr_spawn demo "$LR_LOGS/demo.log" "$dir" "$LR_JAVA" "$LR_MARKER" $LR_HARNESS_JAVA_OPTS -cp "$cp" \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dleadrelay.root="$LR_ROOT" \
    io.leadrelay.harness.Harness demo --attach "$LR_DATA" --rate "$LR_DEMO_LEADS_PER_SECOND" \
    --companies "$LR_DEMO_COMPANIES" --seed "$LR_DEMO_SEED"
  lr_log "demo traffic started (pid $(lr_pid demo), $LR_DEMO_LEADS_PER_SECOND leads/s), log: $LR_LOGS/demo.log"
}

# ------------------------------------------------------------------------------------ after the start

# lr_restart NAME: starts NAME again after it exited (run.sh --restart); its log is appended to.
lr_restart() {
  local name=$1
  wait "$(lr_pid "$name")" 2>/dev/null || true
  LR_APPEND_LOG=1
  case "$name" in
    broker) lr_start_broker ;;
    registry) lr_start_registry ;;
    demo) lr_start_demo ;;
    *) lr_start_service "$name" ;;
  esac
  LR_APPEND_LOG=0
}

# lr_write_env SERVICES...: $LR_DATA/stack.env (mode 600), for tools and tests: source it.
lr_write_env() {
  local m var
  umask 077
  {
    echo "# Written by deploy/local/run.sh at $(date -Iseconds)"
    echo "LEADRELAY_KAFKA_BOOTSTRAP=$LR_BOOTSTRAP"
    echo "LEADRELAY_REGISTRY_URL=$LR_REGISTRY_URL"
    echo "LEADRELAY_REGISTRY_CCOMPAT_URL=$LR_CCOMPAT_URL"
    echo "LEADRELAY_ADMIN_TOKEN=$LR_ADMIN_TOKEN"
    for m in "$@"; do
      var="$(echo "${m%%-*}" | tr '[:lower:]' '[:upper:]')"
      echo "LEADRELAY_${var}_URL=http://$LR_HOST:$(lr_service_port "$m")"
    done
  } >"$LR_DATA/stack.env"
  umask 022
}

# lr_watch INFRA...: blocks until a signal arrives; dies when one of INFRA (e.g. broker, registry)
# exits, warns once when any other started process exits. With LEADRELAY_RESTART=1 (run.sh --restart)
# every process that exits is started again instead, at most LEADRELAY_MAX_RESTARTS times each.
lr_watch() {
  local infra=" $* " name warned=" "
  declare -A restarts=()
  while true; do
    # A test harness that started the stack names itself here: when it dies, even by kill -9, the stack stops.
    if [[ -n "${LEADRELAY_PARENT_PID:-}" ]] && ! lr_running "$LEADRELAY_PARENT_PID"; then
      lr_log "process $LEADRELAY_PARENT_PID that started the stack is gone; stopping the stack"
      exit 0
    fi
    for name in "${LR_STARTED[@]}"; do
      if ! lr_alive "$name"; then
        if [[ "$LR_RESTART" == 1 ]] && ((${restarts[$name]:-0} < LR_MAX_RESTARTS)); then
          restarts[$name]=$((${restarts[$name]:-0} + 1))
          lr_warn "$name exited unexpectedly; restarting it (restart ${restarts[$name]} of at most $LR_MAX_RESTARTS)"
          lr_restart "$name"
          continue
        fi
        if [[ "$infra" == *" $name "* ]]; then
          lr_tail "$LR_LOGS/$name.log"
          lr_die "$name exited unexpectedly (log: $LR_LOGS/$name.log); stopping the stack"
        elif [[ "$warned" != *" $name "* ]]; then
          lr_warn "$name exited unexpectedly (log: $LR_LOGS/$name.log)"
          warned+="$name "
        fi
      fi
    done
    sleep 1 &
    LR_FG_PID=$!
    wait "$LR_FG_PID" || true
  done
}
