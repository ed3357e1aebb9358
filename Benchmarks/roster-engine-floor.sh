#!/usr/bin/env bash
# How fast the database engines alone take a million roster records on this machine, with none of
# Supple's code in the way: the records are already parsed and checked, sitting in a table (SQLite)
# or a tab-separated file streamed by psql (PostgreSQL's COPY). Whatever these take is a floor under
# `roster-benchmark`'s first import, which must also read and check the CSV.
#   Benchmarks/roster-engine-floor.sh ROSTER.csv [POSTGRES_URL]
# Needs python3 and sqlite3; psql too when a PostgreSQL URL is given (it works in a schema of its
# own, dropped at the end).
set -euo pipefail
csv=$1
postgres=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The CSV as eligibility_records rows: organization, the nine columns, name keys, a fingerprint
# and two timestamps. The keys here are a rough lower-casing: their cost is not what is measured.
python3 - "$csv" "$work/records.tsv" <<'PY'
import csv, sys
organization = "3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b"
def key(name):
    return "".join(c for c in name.lower() if c.isalnum())
with open(sys.argv[1], encoding="utf-8-sig", newline="") as source, open(sys.argv[2], "w", encoding="utf-8") as out:
    rows = csv.reader(source)
    next(rows)
    for member, first, last, born, email, postal, relation, start, end in rows:
        out.write("\t".join([organization, member, first, last, key(first), key(last), born, email or "\\N", postal or "\\N",
                             relation, start, end or "\\N", "123456789", "1795000000000", "1795000000000"]) + "\n")
PY

columns="organization_id TEXT NOT NULL, member_id TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
  first_key TEXT NOT NULL, last_key TEXT NOT NULL, date_of_birth TEXT NOT NULL, email TEXT, postal_code TEXT,
  relationship TEXT NOT NULL, coverage_start TEXT NOT NULL, coverage_end TEXT, row_hash BIGINT NOT NULL,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL"
lookup="(organization_id, last_key, date_of_birth, first_key, coverage_start, coverage_end)"

echo "== SQLite $(sqlite3 --version | cut -d' ' -f1): page cache 96 MB, WAL, synchronous NORMAL, as Supple sets them"
sqlite3 "$work/floor.sqlite" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE source ($columns);
.mode tabs
.import $work/records.tsv source
.mode list
PRAGMA cache_size = -98304;
CREATE TABLE indexed ($columns, PRIMARY KEY (organization_id, member_id)) WITHOUT ROWID;
CREATE INDEX indexed_lookup ON indexed $lookup;
CREATE TABLE bare ($columns, PRIMARY KEY (organization_id, member_id)) WITHOUT ROWID;
.timer on
SELECT 'indexes in place: insert';
BEGIN; INSERT INTO indexed SELECT * FROM source;
SELECT 'indexes in place: commit';
COMMIT;
SELECT 'index built after: insert';
BEGIN; INSERT INTO bare SELECT * FROM source;
SELECT 'index built after: build the lookup index';
CREATE INDEX bare_lookup ON bare $lookup;
SELECT 'index built after: commit';
COMMIT;
SQL

if [ -n "$postgres" ]; then
  schema="floor_$$"
  echo "== PostgreSQL: COPY of the same rows, streamed by psql"
  psql "$postgres" -v ON_ERROR_STOP=1 -q <<SQL
CREATE SCHEMA $schema;
SET search_path = $schema;
CREATE TABLE indexed ($columns, PRIMARY KEY (organization_id, member_id));
CREATE INDEX ON indexed $lookup;
CREATE TABLE bare ($columns);
\\timing on
\\echo indexes in place: COPY
\\copy indexed FROM '$work/records.tsv'
\\echo index built after: COPY
\\copy bare FROM '$work/records.tsv'
\\echo index built after: primary key
SET maintenance_work_mem = '256MB';
ALTER TABLE bare ADD PRIMARY KEY (organization_id, member_id);
\\echo index built after: lookup index
CREATE INDEX ON bare $lookup;
\\timing off
DROP SCHEMA $schema CASCADE;
SQL
fi
