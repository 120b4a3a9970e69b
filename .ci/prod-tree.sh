#!/usr/bin/env bash
# Proves the container's start command on the production tree, without a Docker engine: builds dist/,
# installs production dependencies only (what the Dockerfile's prod-deps stage does) into a temporary
# copy, starts `node dist/main.js` there with the image's environment aimed at the emulator, and checks
# /healthz, /readyz, /metrics, a GraphQL answer that went through AWS SDK → emulator, the image's
# HEALTHCHECK command, and a clean exit on SIGTERM. Exit 0 = all good.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

tree=$(mktemp -d)
emulator_pid=''
gateway_pid=''
cleanup() {
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null || true
  # The emulator runs in its own process group (npm → tsx → node): end the whole group.
  [ -n "$emulator_pid" ] && kill -- "-$emulator_pid" 2>/dev/null || true
  rm -rf "$tree"
}
trap cleanup EXIT

fail() { echo "prod-tree: FAILED: $*" >&2; exit 1; }

# Waits up to 30 s for a line matching $2 in file $1 and prints its first URL.
wait_for_url() {
  for _ in $(seq 1 150); do
    if grep -q "$2" "$1" 2>/dev/null; then grep -o 'http://[^ )]*' "$1" | head -n 1; return 0; fi
    sleep 0.2
  done
  return 1
}

echo "prod-tree: building dist/"
npm run build --silent

echo "prod-tree: production-only install (npm ci --omit=dev --ignore-scripts)"
cp -R dist package.json package-lock.json .npmrc "$tree/"
(cd "$tree" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error) || fail "npm ci --omit=dev"
# Dev-only packages must be absent, or the check would not prove the production install suffices.
for dev in vitest typescript pino-pretty @graphql-inspector/core; do
  [ ! -e "$tree/node_modules/$dev" ] || fail "devDependency $dev is in the production tree"
done

# The image starts the bundle (dist/bundle/, see src/main.ts) unless tracing is on: keep only the launcher
# and the bundle, so the checks below prove the bundle runs on its own with production dependencies.
[ -f "$tree/dist/bundle/start.js" ] || fail "npm run build wrote no dist/bundle/start.js"
find "$tree/dist" -mindepth 1 -maxdepth 1 ! -name main.js ! -name bundle -exec rm -rf {} +

echo "prod-tree: starting the emulator from the dev tree"
setsid npm run --silent emulator -- --port 0 --seed demo >"$tree/emulator.log" 2>&1 &
emulator_pid=$!
emulator_url=$(wait_for_url "$tree/emulator.log" 'listening on') || { cat "$tree/emulator.log"; fail "emulator did not start"; }
echo "prod-tree: emulator at $emulator_url"

echo "prod-tree: node dist/main.js with the image's environment"
# env -i: nothing of this machine leaks in, as in a container. PORT and HOST differ from the image only to
# stay on an ephemeral loopback port; the dummy credentials keep the SDK off any other credential source.
(cd "$tree" && exec env -i PATH="$PATH" \
  NODE_ENV=production IOT_UPSTREAM=aws PORT=0 HOST=127.0.0.1 \
  AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIDPRODTREE AWS_SECRET_ACCESS_KEY=prod-tree-secret \
  AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
  AWS_ENDPOINT_URL_IOT="$emulator_url" AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE="$emulator_url" \
  AUTH_MODE=none LOG_LEVEL=warn \
  node dist/main.js) >"$tree/gateway.log" 2>&1 &
gateway_pid=$!
graphql_url=$(wait_for_url "$tree/gateway.log" 'ready at') || { cat "$tree/gateway.log"; fail "gateway did not start"; }
origin=${graphql_url%/graphql}
port=${origin##*:}
echo "prod-tree: gateway at $graphql_url"

check() { # name, then a JavaScript body that may use `origin` and `url`, throws on failure
  if ! ORIGIN="$origin" GRAPHQL_URL="$graphql_url" node --input-type=module -e "
    const origin = process.env.ORIGIN, url = process.env.GRAPHQL_URL;
    $2" 2>"$tree/check.err"; then
    cat "$tree/check.err" "$tree/gateway.log"; fail "$1"
  fi
  echo "prod-tree: ok - $1"
}

check "/healthz answers 200" "
  const res = await fetch(origin + '/healthz');
  if (res.status !== 200) throw new Error('status ' + res.status);"
check "/readyz answers 200 (upstream reachable)" "
  const res = await fetch(origin + '/readyz');
  if (res.status !== 200) throw new Error('status ' + res.status + ' ' + await res.text());"
check "/metrics serves Prometheus text" "
  const text = await (await fetch(origin + '/metrics')).text();
  if (!text.includes('graphql_requests_total')) throw new Error(text.slice(0, 300));"
check "a GraphQL mutation goes through the AWS SDK to the emulator" "
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { cancelJobExecution(input: { jobId: \"no-such-job\", thingName: \"thermostat-001\" }) { __typename ... on ResourceNotFoundError { upstreamRequestId } } }' }),
  });
  const body = await res.json();
  const result = body.data?.cancelJobExecution;
  if (result?.__typename !== 'ResourceNotFoundError' || !result.upstreamRequestId) throw new Error(JSON.stringify(body));"
check "production settings: no introspection" "
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
  const body = await res.json();
  if (!body.errors) throw new Error(JSON.stringify(body));"

# The Dockerfile's HEALTHCHECK command, verbatim, with the gateway's port.
healthcheck=$(sed -n 's/^  CMD \["node", "-e", "\(.*\)"\]$/\1/p' Dockerfile)
[ -n "$healthcheck" ] || fail "HEALTHCHECK command not found in the Dockerfile"
(cd "$tree" && PORT="$port" node -e "$healthcheck") || fail "the image's HEALTHCHECK command"
echo "prod-tree: ok - the Dockerfile's HEALTHCHECK command"

kill -TERM "$gateway_pid"
status=0
wait "$gateway_pid" || status=$?
gateway_pid=''
[ "$status" -eq 0 ] || { cat "$tree/gateway.log"; fail "gateway exited with $status on SIGTERM"; }
echo "prod-tree: ok - clean exit on SIGTERM"
echo "prod-tree: OK"
