#!/bin/bash
# One-shot topic set-up for docker-compose (runs in the apache/kafka image, which has the CLI tools).
# Creates the topics of the contract (stream-processor/README.md, "Topics") before any app starts,
# so partitions, cleanup policy and retention are chosen here and not by whichever client comes
# first. Idempotent: existing topics are left as they are (change them with kafka-configs.sh).
set -euo pipefail

bootstrap="${PMTU_KAFKA_BOOTSTRAP_SERVERS:?set PMTU_KAFKA_BOOTSTRAP_SERVERS}"
# Must equal the processor's PMTU_TOPIC_PARTITIONS: its link repartition topic uses the same count,
# and both observation topics must have the same count (hops and handshakes meet in one task).
partitions="${PMTU_TOPIC_PARTITIONS:?set PMTU_TOPIC_PARTITIONS}"

day_ms=86400000

create() {
  local topic="$1"; shift
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1 "$@"
}

# Inputs: a week of raw observations, enough to re-diagnose after a rules change.
create pmtu.hop-observations       --config cleanup.policy=delete --config retention.ms=$((7 * day_ms))
create pmtu.handshake-observations --config cleanup.policy=delete --config retention.ms=$((7 * day_ms))
# Outputs for downstream services: a month of history; Elasticsearch keeps the long view.
create pmtu.diagnoses              --config cleanup.policy=delete --config retention.ms=$((30 * day_ms))
create pmtu.anomalies              --config cleanup.policy=delete --config retention.ms=$((30 * day_ms))
# The per-link view is a table: compacted, tombstones when a link ages out.
create pmtu.links                  --config cleanup.policy=compact
# Dead letters wait a month for someone to look at them.
create pmtu.dead-letter            --config cleanup.policy=delete --config retention.ms=$((30 * day_ms))

echo "pmtu-watch topics ready on $bootstrap ($partitions partitions)"
