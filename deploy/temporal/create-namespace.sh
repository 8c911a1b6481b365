#!/bin/sh
# One-shot job for the `temporal-namespace` compose service (temporalio/admin-tools image):
# waits for the cluster to report SERVING, registers the namespace if it does not exist yet, then
# waits until the frontend actually serves it (its namespace cache refreshes on a timer), so the
# `atelier-setup` job that follows never sees "namespace not found".
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-168h}"
MAX_ATTEMPTS="${MAX_ATTEMPTS:-90}"

# Talk to the frontend by IPv4 address when the name resolves to one: the server binds IPv4 only.
host="${ADDRESS%:*}"
port="${ADDRESS##*:}"
ipv4="$(getent ahosts "$host" 2>/dev/null | awk '$1 ~ /^[0-9.]+$/ { print $1; exit }' || true)"
if [ -n "$ipv4" ]; then
  ADDRESS="$ipv4:$port"
fi

retry() {
  what="$1"
  shift
  attempt=0
  until "$@" >/dev/null 2>&1; do
    attempt=$((attempt + 1))
    if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
      echo "temporal-namespace: gave up waiting for $what" >&2
      "$@" || true
      exit 1
    fi
    sleep 2
  done
}

echo "temporal-namespace: waiting for the cluster at $ADDRESS"
retry "cluster health" temporal operator cluster health --address "$ADDRESS"

if temporal operator namespace describe --namespace "$NAMESPACE" --address "$ADDRESS" >/dev/null 2>&1; then
  echo "temporal-namespace: namespace '$NAMESPACE' already exists"
else
  echo "temporal-namespace: creating namespace '$NAMESPACE' (retention $RETENTION)"
  temporal operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION" --address "$ADDRESS"
fi

retry "namespace '$NAMESPACE' to be served" \
  temporal workflow list --namespace "$NAMESPACE" --limit 1 --address "$ADDRESS"
echo "temporal-namespace: namespace '$NAMESPACE' is ready"
