#!/bin/sh
# One-shot Temporal schema job for the `temporal-schema` compose service (runs in the
# temporalio/admin-tools image, which ships temporal-sql-tool and the versioned schema files).
#
# Idempotent, so it runs on every `docker compose up`:
#   - `create` leaves an existing database alone;
#   - `setup-schema -v 0.0` skips the version reset when the database is already past 0.0;
#   - `update-schema` applies only the migrations newer than the recorded version, which is
#     also how a Temporal image upgrade migrates an existing volume.
set -eu

: "${POSTGRES_SEEDS:?POSTGRES_SEEDS must name the PostgreSQL host}"
: "${POSTGRES_USER:?POSTGRES_USER must be set}"
PORT="${DB_PORT:-5432}"
MAIN_DB="${DBNAME:-temporal}"
VISIBILITY_DB="${VISIBILITY_DBNAME:-temporal_visibility}"
SCHEMA_ROOT="${TEMPORAL_SCHEMA_ROOT:-/etc/temporal/schema/postgresql/v12}"
# temporal-sql-tool reads the password from SQL_PASSWORD.
SQL_PASSWORD="${SQL_PASSWORD:-${POSTGRES_PWD:-}}"
export SQL_PASSWORD

attempt=0
until nc -z "$POSTGRES_SEEDS" "$PORT"; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 60 ]; then
    echo "temporal-schema: PostgreSQL at $POSTGRES_SEEDS:$PORT is not reachable" >&2
    exit 1
  fi
  sleep 1
done

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$PORT" -u "$POSTGRES_USER" "$@"
}

migrate() {
  db="$1"
  versioned_dir="$2"
  echo "temporal-schema: database '$db' from $versioned_dir"
  sql_tool --db "$db" create
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema -d "$versioned_dir"
}

migrate "$MAIN_DB" "$SCHEMA_ROOT/temporal/versioned"
migrate "$VISIBILITY_DB" "$SCHEMA_ROOT/visibility/versioned"
echo "temporal-schema: done"
