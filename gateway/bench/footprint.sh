#!/usr/bin/env bash
# Gateway footprint benchmark (docs/benchmarks.md): resident memory and CPU of `coldwatch-gateway run` reading the
# 32 simulated wired sensors of room-32-sensors.yaml once a second, for DURATION seconds (default 600), sending to
# a real ColdWatch server on loopback. The simulated room and bus devices (firmware-sim's Pi4J plugin) run inside
# the gateway's JVM, so their cost is counted too: the figures are an upper bound for a real Pi.
#
#   gateway/bench/footprint.sh [DURATION_SECONDS]
#
# JVM flags are the ones the .deb installs (gateway/src/deb/files/coldwatch-gateway.default).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-600}
WARMUP=${WARMUP:-60}
WORK=$(mktemp -d /tmp/coldwatch-footprint.XXXXXX)
SERVER_PID=""
GATEWAY_PID=""
cleanup() {
  [[ -n "$GATEWAY_PID" ]] && kill "$GATEWAY_PID" 2>/dev/null || true
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

[[ -f gateway/target/coldwatch-gateway.jar && -f server/target/coldwatch-server.jar \
   && -f firmware-sim/target/coldwatch-firmware-sim.jar ]] || ./mvnw -B -q -DskipTests package

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP_PORT=$(free_port); MQTT_PORT=$(free_port)
SERVER=(java -Xmx512m -jar server/target/coldwatch-server.jar)
SET=(--set storage.dataDir="$WORK/server")
"${SERVER[@]}" add-store "${SET[@]}" --id store-bench --name "基准冷库" --region "基准县/基准镇" >/dev/null
SECRET=$("${SERVER[@]}" add-gateway "${SET[@]}" --id gw-bench-32 --store store-bench | sed -n 's/^secret: //p')
"${SERVER[@]}" run "${SET[@]}" --set http.host=127.0.0.1 --set http.port="$HTTP_PORT" \
  --set mqtt.host=127.0.0.1 --set mqtt.port="$MQTT_PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
until curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null; do sleep 0.5; done

mkdir -p "$WORK/w1"
sed -e "s|@SECRET@|$SECRET|" -e "s|@MQTT_PORT@|$MQTT_PORT|" -e "s|@WORK@|$WORK|g" \
  gateway/bench/gateway-32-sensors.yaml >"$WORK/gateway.yaml"
# shellcheck disable=SC1091
source gateway/src/deb/files/coldwatch-gateway.default
JAVA_OPTS=${JAVA_OPTS//-XX:SharedArchiveFile=\/var\/lib\/coldwatch\/coldwatch-gateway.jsa/-XX:SharedArchiveFile=$WORK/cds.jsa}
CP=gateway/target/coldwatch-gateway.jar:firmware-sim/target/coldwatch-firmware-sim.jar
SIM=(-Dcoldwatch.sim.scenario=gateway/bench/room-32-sensors.yaml -Dcoldwatch.sim.speed=1
     -Dcoldwatch.sim.onewire="$WORK/w1")
# Class-data sharing archive, as the package's postinst builds one.
java -XX:ArchiveClassesAtExit="$WORK/cds.jsa" -cp "$CP" org.coldwatch.gateway.cli.GatewayCli selftest --help \
  >/dev/null 2>&1 || true
# shellcheck disable=SC2086
java $JAVA_OPTS ${EXTRA_JAVA_OPTS:-} "${SIM[@]}" -cp "$CP" org.coldwatch.gateway.cli.GatewayCli run \
  --config "$WORK/gateway.yaml" >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!

ticks() { awk '{print $14 + $15}' "/proc/$GATEWAY_PID/stat"; }
# CPU ticks of firmware-sim's own threads (the simulated room and devices: sim-*, ds18b20-folder), which a real Pi
# does not have. Device emulation called synchronously from the gateway's threads cannot be separated and stays in.
sim_ticks() {
  local total=0 t
  for t in /proc/"$GATEWAY_PID"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      sim-*|ds18b20-folder*) total=$((total + $(awk '{print $14 + $15}' "$t/stat"))) ;;
    esac
  done
  echo "$total"
}
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$GATEWAY_PID/status"; }
HZ=$(getconf CLK_TCK)
sleep "$WARMUP"
T0=$(date +%s.%N); C0=$(ticks); S0=$(sim_ticks); MAX=0; SUM=0; N=0
END=$(( $(date +%s) + DURATION ))
while (( $(date +%s) < END )); do
  kill -0 "$GATEWAY_PID" || { echo "gateway died; log: $WORK/gateway.log"; exit 1; }
  R=$(rss_kb); SUM=$((SUM + R)); N=$((N + 1)); (( R > MAX )) && MAX=$R
  sleep 5
done
T1=$(date +%s.%N); C1=$(ticks); S1=$(sim_ticks)
STORED=$(curl -s "http://127.0.0.1:$HTTP_PORT/api/gateways/gw-bench-32/tally")
python3 - "$T0" "$T1" "$C0" "$C1" "$HZ" "$MAX" "$SUM" "$N" "$S0" "$S1" "$STORED" <<'PY'
import json, sys
t0, t1, c0, c1, hz, mx, sm, n, s0, s1 = map(float, sys.argv[1:11])
tally = json.loads(sys.argv[11])
wall = t1 - t0
print(f"window: {wall:.0f} s after the warm-up")
print(f"RSS: max {mx / 1024:.1f} MB, mean {sm / n / 1024:.1f} MB ({int(n)} samples)")
print(f"CPU: {100 * (c1 - c0) / hz / wall:.2f} % of one core in all; "
      f"{100 * (s1 - s0) / hz / wall:.2f} % in firmware-sim's threads; "
      f"{100 * ((c1 - c0) - (s1 - s0)) / hz / wall:.2f} % in the rest")
print(f"server holds {tally['readings']} readings in {tally['batches']} batches, gaps {tally['gaps']}")
PY
echo "logs: $WORK"
