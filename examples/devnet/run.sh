#!/usr/bin/env bash
# A local three-node Hypertensor devnet from the built distribution: see README.md next to this script.
#
#   run.sh start       start node 1 (validator //Alice), then nodes 2 and 3 (followers //Bob, //Charlie)
#   run.sh stop        stop the nodes (SIGTERM, then SIGKILL after 40 s)
#   run.sh status      per node: process, peer id, connected peers, DHT routing table size, best block
#   run.sh logs N [-f] the last 50 lines of node N's log (TAIL_LINES=200 for more; -f to follow)
#   run.sh rpc N METHOD [PARAMS]   one JSON-RPC call to node N, e.g. run.sh rpc 3 dht_get '["k"]'
#   run.sh demo        start, wait until the nodes see each other, dht_put on node 1, dht_get on node 3, stop
#   run.sh reset       stop, then delete the nodes' homes (.nodes/)
#
# Environment: HYPERTENSOR_DIST (default: runtime/target/hypertensor of this checkout), JAVA_OPTS
# (default -Xmx512m), WAIT_SECONDS (how long to wait for a node or for the mesh, default 90).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
dist=${HYPERTENSOR_DIST:-$repo/runtime/target/hypertensor}
nodes_dir=$here/.nodes
wait_seconds=${WAIT_SECONDS:-90}
# The features a headless `start` node installs (`start` installs none by default). The order no longer
# matters for the p2p_/dht_ JSON-RPC methods (they wire to a later rpc bundle too). verification: each node
# probes the others' blocks every epoch and submits the scores, so epochs reach quorum and pay for verified
# serving; openai: /v1 on each node's HTTP port; console-ssh: `hypertensor client --home HOME` reaches its shell.
features=validator,chain-modules,rpc,p2p,chain-network,dht,inference,inference-net,verification,openai,console-ssh
names=(alice bob charlie dave)
# The devnet model (small: 4 blocks) split over the three servers; node 1's client routes through all three
# (in DEVNET=bft, //Dave's node serves the whole model too).
blocks=(0:1 1:3 3:4 0:4)
uris=(//Alice //Bob //Charlie //Dave)
p2p_ports=(30333 30334 30335 30336)
rpc_ports=(9933 9934 9935 9936)
ssh_ports=(8101 8102 8103 8104)
# DEVNET=bft: four validators (//Alice, //Bob, //Charlie, //Dave) finalizing with BFT on
# etc/chain-devnet-bft.json; default: one validator (//Alice) and two followers on etc/chain-devnet.json.
mode=${DEVNET:-single}
case "$mode" in
    single) count=3 spec=chain-devnet.json ;;
    bft) count=4 spec=chain-devnet-bft.json ;;
    *) echo "run.sh: DEVNET must be single or bft, got '$mode'" >&2; exit 1 ;;
esac

die() { echo "run.sh: $*" >&2; exit 1; }
home_of() { echo "$nodes_dir/node$1"; }
pid_of() { cat "$(home_of "$1")/node.pid" 2>/dev/null || true; }
running() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
check_index() { [[ "${1:-}" =~ ^[1-9]$ ]] && [ "$1" -le "$count" ] || die "node number must be 1 to $count, got '${1:-}'"; }
all_nodes() { seq 1 "$count"; }

# The peer id of a development p2p identity, as the devnet chain spec lists it for //Alice's node.
alice_peer_id() {
    local spec=$dist/etc/chain-devnet.json
    [ -f "$spec" ] || die "no $spec: build the distribution first (see README.md)"
    jq -r '.. | objects | select(.account? == "//Alice" and has("peer_id")) | .peer_id' "$spec" | head -n 1
}

rpc() {
    local n=$1 method=$2 params=${3:-[]}
    curl -sS --max-time 60 -H 'Content-Type: application/json' \
        -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$method\",\"params\":$params}" \
        "http://127.0.0.1:${rpc_ports[$((n - 1))]}/"
}

# One value of an RPC answer (jq filter), or '?' when the node does not answer.
field() { rpc "$1" "$2" 2>/dev/null | jq -r "$3" 2>/dev/null || echo '?'; }
# The length of an RPC method's result list, 0 when the node does not answer.
count() { local c; c=$(rpc "$1" "$2" 2>/dev/null | jq -r '.result | length' 2>/dev/null) || c=0; echo "${c:-0}"; }

# Writes a node's own etc/ overrides; the launcher copies the distribution's other defaults next to them.
make_home() {
    local n=$1 i=$(($1 - 1)) home
    home=$(home_of "$n")
    [ -d "$home/etc" ] && return 0
    mkdir -p "$home/etc"
    local validator="" boot=""
    if [ "$n" = 1 ]; then
        validator=//Alice
    else
        boot="/ip4/127.0.0.1/tcp/${p2p_ports[0]}/p2p/$(alice_peer_id)"
    fi
    [ "$mode" = bft ] && validator=${uris[$i]}
    cat > "$home/etc/org.hypertensor.node.cfg" <<EOF
# devnet node $n (examples/devnet/run.sh)
name = devnet-$n-${names[$i]}
log.level = INFO
heartbeat.seconds = 300
EOF
    cat > "$home/etc/org.hypertensor.ledger.cfg" <<EOF
# single: node 1 produces blocks with //Alice, the others follow (block sync and block gossip);
# bft: every node is one of the four validators.
chain.spec = etc/$spec
validator.key = $validator
EOF
    cat > "$home/etc/org.hypertensor.p2p.cfg" <<EOF
# The development identity ${uris[$i]}//p2p: the peer id the devnet chain spec registers for ${uris[$i]}'s node.
identity.dev.uri = ${uris[$i]}//p2p
listen = /ip4/127.0.0.1/tcp/${p2p_ports[$i]}
boot.peers = $boot
boot.redial.seconds = 3
EOF
    cat > "$home/etc/org.hypertensor.dht.cfg" <<EOF
# Proof-of-stake admission: only peers the chain lists as subnet nodes with stake >= MinStake.
admission = stake
EOF
    cat > "$home/etc/org.hypertensor.rpc.cfg" <<EOF
bind.address = 127.0.0.1
port = ${rpc_ports[$i]}
EOF
    cat > "$home/etc/org.hypertensor.console.ssh.cfg" <<EOF
# The SSH console: hypertensor client --home $home
port = ${ssh_ports[$i]}
EOF
    cat > "$home/etc/org.hypertensor.inference.net.server.cfg" <<EOF
# This node serves blocks ${blocks[$i]} of the devnet model (generated at first start: subnet 1's model).
subnet = 1
model = devnet
model.generate.size = small
blocks = ${blocks[$i]}
EOF
    cat > "$home/etc/org.hypertensor.verification.cfg" <<EOF
# ${uris[$i]}'s account submits the scores of this node's probes of the other servers (scores:probes).
account.key = ${uris[$i]}
EOF
}

wait_ready() {
    local n=$1 home deadline
    home=$(home_of "$n")
    deadline=$((SECONDS + wait_seconds))
    until grep -q "Hypertensor node ready" "$home/stdout.log" 2>/dev/null; do
        running "$n" || { tail -n 20 "$home/stdout.log" >&2; die "node $n exited during start (log: $home/stdout.log)"; }
        [ $SECONDS -lt $deadline ] || die "node $n not ready after $wait_seconds s (log: $home/stdout.log)"
        sleep 1
    done
    # the node is up; its RPC answers once the rpc feature's HTTP service is registered
    until rpc "$n" system_health >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || die "node $n: no RPC on port ${rpc_ports[$((n - 1))]} after $wait_seconds s"
        sleep 1
    done
}

start_node() {
    local n=$1 home
    home=$(home_of "$n")
    if running "$n"; then
        echo "node $n already running (pid $(pid_of "$n"))"
        return 0
    fi
    make_home "$n"
    JAVA_OPTS="${JAVA_OPTS:--Xmx512m} -Dhypertensor.features.start=$features" \
        nohup "$dist/bin/hypertensor" start --home "$home" --network devnet > "$home/stdout.log" 2>&1 < /dev/null &
    echo $! > "$home/node.pid"
    wait_ready "$n"
    echo "node $n (${names[$((n - 1))]}) ready: pid $(pid_of "$n"), p2p 127.0.0.1:${p2p_ports[$((n - 1))]}, rpc http://127.0.0.1:${rpc_ports[$((n - 1))]}/, shell: $dist/bin/hypertensor client --home $(home_of "$n")"
}

start_all() {
    [ -x "$dist/bin/hypertensor" ] || die "no distribution at $dist: build it first (see README.md)"
    # a failed start (die, or any failing command) stops what it started
    trap 'echo "run.sh: start failed, stopping the nodes" >&2; stop_all' EXIT
    for n in $(all_nodes); do start_node "$n"; done
    trap - EXIT
}

stop_node() {
    local n=$1 pid
    pid=$(pid_of "$n")
    if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
        rm -f "$(home_of "$n")/node.pid"
        return 0
    fi
    kill -TERM "$pid"
    for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "node $n did not stop in 40 s: killing pid $pid" >&2
        kill -KILL "$pid"
    fi
    rm -f "$(home_of "$n")/node.pid"
    echo "node $n stopped"
}

stop_all() { for n in $(all_nodes | sort -rn); do stop_node "$n"; done; }

status() {
    printf '%-5s %-8s %-8s %-54s %-6s %-8s %-10s %s\n' NODE NAME PID PEER_ID PEERS ROUTING BEST_BLOCK FINALIZED_HASH
    for n in $(all_nodes); do
        local name=${names[$((n - 1))]}
        if ! running "$n"; then
            printf '%-5s %-8s %-8s %s\n' "$n" "$name" - "(not running)"
            continue
        fi
        local id peers routing best
        id=$(field "$n" p2p_id '.result.peerId // .error.message')
        peers=$(count "$n" p2p_peers)
        routing=$(count "$n" dht_routing)
        best=$(field "$n" chain_getHeader '.result.number // "?"')
        # JSON-RPC gives block numbers in hex (as Substrate does); an operator reads decimal
        [[ $best == 0x* ]] && best=$((best))
        final=$(field "$n" chain_getFinalizedHead '.result // "?"')
        printf '%-5s %-8s %-8s %-54s %-6s %-8s %-10s %s\n' "$n" "$name" "$(pid_of "$n")" "$id" "$peers" "$routing" "$best" "${final:0:18}"
    done
}

# Waits until every node is connected to the two others and has both in its DHT routing table.
wait_mesh() {
    local deadline=$((SECONDS + wait_seconds))
    while :; do
        local ok=1
        for n in 1 2 3; do
            [ "$(count "$n" p2p_peers)" -ge 2 ] || ok=0
            [ "$(count "$n" dht_routing)" -ge 2 ] || ok=0
        done
        [ $ok = 1 ] && return 0
        [ $SECONDS -lt $deadline ] || { status; die "the nodes did not all see each other within $wait_seconds s"; }
        sleep 2
    done
}

demo() {
    start_all
    trap stop_all EXIT
    echo "--- waiting until each node is connected to, and admitted in the DHT by, the two others"
    wait_mesh
    status
    for n in 1 2 3; do
        echo "--- node $n p2p_peers / dht_routing"
        rpc "$n" p2p_peers | jq -c '.result[] | {peerId, direction}'
        rpc "$n" dht_routing | jq -c '.result[] | {bucket, peerId}'
    done
    local key=/devnet/demo/$$ value="hello from node 1 at $(date -u +%H:%M:%S)"
    echo "--- node 1: dht_put $key"
    rpc 1 dht_put "[\"$key\", \"$value\"]" | jq -c .
    echo "--- node 3: dht_get $key"
    local got
    got=$(rpc 3 dht_get "[\"$key\"]")
    echo "$got" | jq -c .
    [ "$(echo "$got" | jq -r '.result[0].value')" = "$value" ] || die "node 3 did not read node 1's record"
    echo "--- ok: node 3 read the record node 1 put"
    echo "--- node 1: who announces each block of subnet 1 (the three servers split blocks 0:4)"
    local deadline=$((SECONDS + wait_seconds)) b pubs
    for b in 0 1 2 3; do
        until pubs=$(rpc 1 dht_get "[\"/hypertensor/1/block/$b\"]" | jq -r '.result | length') \
                && [ "${pubs:-0}" -ge 1 ]; do
            [ $SECONDS -lt $deadline ] || die "no server announced block $b"
            sleep 1
        done
        echo "block $b: announced by $pubs server(s)"
    done
}

cmd=${1:-help}
case "$cmd" in
    start) start_all ;;
    stop) stop_all ;;
    status) status ;;
    logs)
        check_index "${2:-}"
        log=$(home_of "$2")/data/logs/node.log
        [ -f "$log" ] || die "no log yet: $log"
        if [ "${3:-}" = "-f" ]; then tail -n "${TAIL_LINES:-50}" -f "$log"; else tail -n "${TAIL_LINES:-50}" "$log"; fi ;;
    rpc)
        check_index "${2:-}"
        [ -n "${3:-}" ] || die "usage: run.sh rpc N METHOD [PARAMS_JSON]"
        running "$2" || die "node $2 is not running"
        rpc "$2" "$3" "${4:-[]}" | jq . ;;
    demo) demo ;;
    reset) stop_all; rm -rf "$nodes_dir"; echo "removed $nodes_dir" ;;
    help | -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown command '$cmd' (start, stop, status, logs N, rpc N METHOD [PARAMS], demo, reset)" ;;
esac
