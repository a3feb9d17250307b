-- TradingRobotPlug on Microsoft Orleans 10.4.2: reminders (Microsoft.Orleans.Reminders.AdoNet).
--
-- Contract implemented (AdoNetReminderTable, 10.4.2). Parameters: @ServiceId (text), @GrainId (text: the grain id's
-- string form, e.g. "type/key"), @ReminderName (text), @StartTime (UTC timestamp), @Period (milliseconds: int, or
-- bigint above 2^31-1), @GrainHash (int: the grain's uniform hash as a signed 32-bit number), @BeginHash and
-- @EndHash (int, signed likewise), @Version (int: a reminder's ETag). Result rows have columns GrainId,
-- ReminderName, StartTime, Period (read as int8) and Version (the ETag).
--   UpsertReminderRowKey   insert or replace a reminder, changing its version; one row, column Version.
--   ReadReminderRowsKey    every reminder of @GrainId.
--   ReadReminderRowKey     the reminder @ReminderName of @GrainId, or no row.
--   ReadRangeRows1Key      reminders with @BeginHash < hash <= @EndHash. The provider picks this key when
--                          (int)begin < (int)end, i.e. the range does not wrap in signed order...
--   ReadRangeRows2Key      ...and this one otherwise: hash > @BeginHash or hash <= @EndHash (the wrapped range;
--                          begin = end means the whole ring).
--   DeleteReminderRowKey   delete the reminder if its version is @Version; one row, one column: 1 deleted, 0 not.
--   DeleteReminderRowsKey  delete every reminder of @ServiceId.
--
-- Our choices: the row is keyed on (service_id, grain_id, reminder_name), which serves the per-grain reads, the
-- upsert and the delete; a second index on (service_id, grain_hash) serves the range reads each silo makes for its
-- share of the hash ring. grain_hash is stored signed (as the provider sends it), so the comparisons above are
-- plain integer comparisons.

CREATE TABLE IF NOT EXISTS orleans_reminder (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminder_ring ON orleans_reminder (service_id, grain_hash);

COMMENT ON TABLE orleans_reminder IS
    'Orleans reminders: one row per (service, grain, reminder name); period_ms in milliseconds; version is the ETag.';

INSERT INTO orleansquery (querykey, querytext) VALUES ('UpsertReminderRowKey', $query$
INSERT INTO orleans_reminder AS r (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId::text, @GrainId::text, @ReminderName::text, @StartTime::timestamptz, @Period::bigint,
        @GrainHash::integer, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time,
    period_ms = EXCLUDED.period_ms,
    grain_hash = EXCLUDED.grain_hash,
    version = r.version + 1
RETURNING r.version AS "Version"
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadReminderRowsKey', $query$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period_ms     AS "Period",
       r.version       AS "Version"
FROM orleans_reminder AS r
WHERE r.service_id = @ServiceId::text
  AND r.grain_id = @GrainId::text
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadReminderRowKey', $query$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period_ms     AS "Period",
       r.version       AS "Version"
FROM orleans_reminder AS r
WHERE r.service_id = @ServiceId::text
  AND r.grain_id = @GrainId::text
  AND r.reminder_name = @ReminderName::text
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadRangeRows1Key', $query$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period_ms     AS "Period",
       r.version       AS "Version"
FROM orleans_reminder AS r
WHERE r.service_id = @ServiceId::text
  AND r.grain_hash > @BeginHash::integer
  AND r.grain_hash <= @EndHash::integer
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadRangeRows2Key', $query$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period_ms     AS "Period",
       r.version       AS "Version"
FROM orleans_reminder AS r
WHERE r.service_id = @ServiceId::text
  AND (r.grain_hash > @BeginHash::integer OR r.grain_hash <= @EndHash::integer)
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteReminderRowKey', $query$
WITH removed AS (
    DELETE FROM orleans_reminder AS r
    WHERE r.service_id = @ServiceId::text
      AND r.grain_id = @GrainId::text
      AND r.reminder_name = @ReminderName::text
      AND r.version = @Version::integer
    RETURNING 1
)
SELECT count(*)::integer AS "Deleted" FROM removed
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteReminderRowsKey', $query$
DELETE FROM orleans_reminder AS r
WHERE r.service_id = @ServiceId::text
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
