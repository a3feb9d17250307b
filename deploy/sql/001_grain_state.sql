-- Grain state table of TradingRobotPlug.Runtime.Storage.Postgres.PostgresGrainStorage.
-- One row per (grain type, grain key, state name); payload is the System.Text.Json document of the state;
-- etag is the version (1 after the first write, +1 per write) compared for optimistic concurrency.
-- Keep in sync with PostgresGrainStorage.CreateTableSql (a test runs this file and checks the provider uses it).
-- Idempotent: safe to run on every deployment.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_type   text        NOT NULL,
    grain_key    text        NOT NULL,
    state_name   text        NOT NULL,
    payload      jsonb       NOT NULL,
    etag         bigint      NOT NULL,
    modified_utc timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key, state_name)
);
