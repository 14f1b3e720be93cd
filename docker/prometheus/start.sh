#!/bin/sh
# Start Prometheus with the API's operations token in a file it reads for the
# scrapes (GET /metrics needs it; README "Replicas"). Without OPERATIONS_TOKEN
# every replica answers the scrapes 403 and the targets page says so.
# The lookback is 30 s (6 scrapes) instead of 5 minutes: a replica that is gone
# (scaled down, or from before a restart of Prometheus, which writes no
# staleness markers for the series of its previous run) leaves the fleet's
# queries after 30 s.
set -eu
token_file=/prometheus/operations-token
umask 077
printf '%s' "${OPERATIONS_TOKEN:-}" >"$token_file"
if [ -z "${OPERATIONS_TOKEN:-}" ]; then
  echo "prometheus-start: OPERATIONS_TOKEN is not set; the API replicas will refuse the scrapes (403)" >&2
fi
exec prometheus \
  --config.file=/etc/prometheus/prometheus.yml \
  --storage.tsdb.path=/prometheus/data \
  --storage.tsdb.retention.time="${PROMETHEUS_RETENTION:-7d}" \
  --web.listen-address=:9090 \
  --query.lookback-delta=30s \
  --web.console.libraries=/usr/share/prometheus/console_libraries \
  --web.console.templates=/usr/share/prometheus/consoles \
  "$@"
