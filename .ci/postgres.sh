#!/usr/bin/env bash
# Starts a local PostgreSQL (Debian's package) as root and prints a TEST_DATABASE_URL for it.
# Used by .ci/run; also handy on a developer's machine: eval "$(bash .ci/postgres.sh)".
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
	apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
	pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 || true
for _ in $(seq 1 30); do
	su postgres -c "pg_isready -q" && break
	sleep 1
done
su postgres -c "psql -q -v ON_ERROR_STOP=1" >&2 <<'SQL'
do $$ begin
  if not exists (select from pg_roles where rolname = 'impulsions') then
    create role impulsions login createdb password 'impulsions';
  end if;
end $$;
select 'create database impulsions owner impulsions'
 where not exists (select from pg_database where datname = 'impulsions') \gexec
SQL
echo "export TEST_DATABASE_URL=postgres://impulsions:impulsions@127.0.0.1:5432/impulsions"
