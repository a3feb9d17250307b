-- TradingRobotPlug on Microsoft Orleans 10.4.2: the query catalogue.
--
-- Contract implemented: Orleans' ADO.NET providers (Microsoft.Orleans.Persistence.AdoNet, .Clustering.AdoNet and
-- .Reminders.AdoNet 10.4.2, invariant "Npgsql") ship no SQL of their own. At start-up each of them runs
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- (unquoted, so PostgreSQL resolves it to orleansquery(querykey, querytext) through the search_path) and later
-- executes the text stored under each of its keys, binding @Named parameters. Grain storage takes the four
-- storage keys; clustering and reminders refuse to start ("Not all required queries found") when any of their keys
-- is missing. Scripts 002-004 create the tables behind those queries and upsert their rows into this table.
--
-- Conventions of every script in deploy/sql (applied in file-name order by TradingPostgresSchema.ApplyAsync, or by
-- hand with `psql -v ON_ERROR_STOP=1 -1 -f`):
--   * idempotent: CREATE ... IF NOT EXISTS, CREATE OR REPLACE, query rows upserted, so a script can be applied again
--     after an upgrade;
--   * the providers set a DbType on every parameter but PostgreSQL is still told each parameter's type explicitly
--     (@Name::type), so no query depends on type inference;
--   * query texts are dollar-quoted ($query$ ... $query$) and contain no comments; the explanation sits beside them.
-- Needs PostgreSQL 9.5 or later (ON CONFLICT); tested on 15.

CREATE TABLE IF NOT EXISTS orleansquery (
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);

COMMENT ON TABLE orleansquery IS
    'SQL run by Orleans'' ADO.NET providers, by query key. Written by deploy/sql/00*.sql; do not edit by hand.';
