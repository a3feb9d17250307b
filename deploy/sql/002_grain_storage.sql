-- TradingRobotPlug on Microsoft Orleans 10.4.2: grain state (Microsoft.Orleans.Persistence.AdoNet).
--
-- Contract implemented (AdoNetGrainStorage, 10.4.2):
--   * Keys ReadFromStorageKey, WriteToStorageKey, ClearStorageKey, DeleteStorageKey (the last one is only used with
--     DeleteStateOnClear = true, but is installed so either setting works).
--   * Parameters of every key: @ServiceId (text), @GrainTypeString (text: the state name given to [PersistentState],
--     not the grain class), @GrainIdN0, @GrainIdN1 (bigint: the integer or Guid key; both 0 for a string key),
--     @GrainIdExtensionString (text: the string key, or the key extension of an integer/Guid key; null when there is
--     none), @GrainIdHash and @GrainTypeHash (int). Write also sends @GrainStateVersion (int, null when the grain
--     holds no ETag) and @PayloadBinary (bytea); Clear and Delete send @GrainStateVersion.
--   * Read returns zero or one row with columns PayloadBinary (bytea, null once cleared) and Version (int). No row
--     means "never written": default state, no ETag. The ETag is the version as a decimal string.
--   * Write, with a null version, inserts version 1 only when no row exists; otherwise it replaces the payload only
--     where the stored version equals @GrainStateVersion, and increments it. It returns one row whose column
--     NewGrainStateVersion is the new version. No row (someone else wrote first) makes the provider throw
--     InconsistentStateException, which is how concurrent writers and stale ETags surface.
--   * Clear sets the payload to null and increments the version where it matches, returning the new version in the
--     first column; Delete removes the row where it matches and returns version + 1. No row: InconsistentStateException.
--
-- Our choices:
--   * A row is identified by (service_id, state_name, grain_key, key_n0, key_n1). The natural key is unique and is
--     what every query compares; the two hashes the provider also sends are ignored, because a hash in the key would
--     tie stored rows to the configured hasher (changing it would orphan every state) and buys nothing when the
--     full key is present. The primary key's B-tree serves every lookup (all five columns by equality) and also
--     "all states named X" queries (service_id, state_name prefix).
--   * grain_key holds the extension as '' when the provider sends null, so the key column is NOT NULL and plain
--     equality stays indexable (IS NOT DISTINCT FROM is not). This cannot merge two grains: Orleans' grain factory
--     refuses empty or blank string keys and key extensions, so '' never is a real key; and string-keyed rows meet
--     integer/Guid-keyed ones of the same state name only when two grain classes share a state name, which is
--     unsupported anyway (the provider does not send the grain class, so such classes share rows whatever the
--     schema). Keep state names unique per grain class.
--   * payload stays bytea: the provider reads PayloadBinary as byte[] and the serializer decides the bytes. Storing
--     jsonb would reorder object keys (System.Text.Json's polymorphic "$type" must come first), and json/jsonb would
--     reject any non-JSON serializer. The project configures UseSystemTextJsonGrainStorageSerializer(), so the bytes
--     are UTF-8 JSON; read them with psql through the view orleans_storage_json, or directly:
--         SELECT state_name, grain_key, version, convert_from(payload, 'UTF8')::jsonb
--         FROM orleans_storage WHERE state_name = 'strategy';
--     A generated column is not possible (convert_from is only STABLE) and would double the stored bytes.

CREATE TABLE IF NOT EXISTS orleans_storage (
    service_id  text        NOT NULL,
    state_name  text        NOT NULL,
    grain_key   text        NOT NULL,
    key_n0      bigint      NOT NULL,
    key_n1      bigint      NOT NULL,
    version     integer     NOT NULL,
    payload     bytea,
    written_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_storage_pkey PRIMARY KEY (service_id, state_name, grain_key, key_n0, key_n1)
);

COMMENT ON TABLE orleans_storage IS
    'Orleans grain state, one row per (service, state name, grain key). payload is the serializer''s bytes (UTF-8 JSON '
    'here): read it through the view orleans_storage_json. version is the ETag; a null payload means cleared.';
COMMENT ON COLUMN orleans_storage.grain_key IS
    'The string key, or the key extension of an integer/Guid key; empty when the grain has neither.';

-- The payload as jsonb, or null when it is null or not UTF-8 JSON (another serializer): never fails a query.
CREATE OR REPLACE FUNCTION orleans_payload_json(payload bytea) RETURNS jsonb
    LANGUAGE plpgsql STABLE STRICT AS
$function$
BEGIN
    RETURN convert_from(payload, 'UTF8')::jsonb;
EXCEPTION
    WHEN data_exception THEN -- invalid UTF-8 (22021) or invalid JSON (22P02) are both in class 22
        RETURN NULL;
END
$function$;

CREATE OR REPLACE VIEW orleans_storage_json AS
SELECT s.service_id,
       s.state_name,
       s.grain_key,
       s.key_n0,
       s.key_n1,
       s.version,
       s.payload IS NULL                AS cleared,
       orleans_payload_json(s.payload) AS state,
       s.written_at
FROM orleans_storage AS s;

COMMENT ON VIEW orleans_storage_json IS
    'orleans_storage with the payload decoded as jsonb (null when cleared or not JSON), for people and psql.';

-- Read: the payload and version of one grain's state, or no row.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadFromStorageKey', $query$
SELECT s.payload AS "PayloadBinary",
       s.version AS "Version"
FROM orleans_storage AS s
WHERE s.service_id = @ServiceId::text
  AND s.state_name = @GrainTypeString::text
  AND s.grain_key = coalesce(@GrainIdExtensionString::text, '')
  AND s.key_n0 = @GrainIdN0::bigint
  AND s.key_n1 = @GrainIdN1::bigint
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- Write: "created" inserts version 1 when the grain holds no ETag and no row exists (when a racing insert got there
-- first, nothing is returned); "advanced" is the compare-and-set on the version. At most one of the two yields a row.
INSERT INTO orleansquery (querykey, querytext) VALUES ('WriteToStorageKey', $query$
WITH
created AS (
    INSERT INTO orleans_storage AS s (service_id, state_name, grain_key, key_n0, key_n1, version, payload, written_at)
    SELECT @ServiceId::text, @GrainTypeString::text, coalesce(@GrainIdExtensionString::text, ''),
           @GrainIdN0::bigint, @GrainIdN1::bigint, 1, @PayloadBinary::bytea, now()
    WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT ON CONSTRAINT orleans_storage_pkey DO NOTHING
    RETURNING s.version
),
advanced AS (
    UPDATE orleans_storage AS s
    SET payload = @PayloadBinary::bytea,
        version = s.version + 1,
        written_at = now()
    WHERE s.service_id = @ServiceId::text
      AND s.state_name = @GrainTypeString::text
      AND s.grain_key = coalesce(@GrainIdExtensionString::text, '')
      AND s.key_n0 = @GrainIdN0::bigint
      AND s.key_n1 = @GrainIdN1::bigint
      AND s.version = @GrainStateVersion::integer
    RETURNING s.version
)
SELECT created.version AS "NewGrainStateVersion" FROM created
UNION ALL
SELECT advanced.version FROM advanced
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- Clear: keep the row (and so the version sequence), drop the payload. A null @GrainStateVersion matches nothing.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ClearStorageKey', $query$
UPDATE orleans_storage AS s
SET payload = NULL,
    version = s.version + 1,
    written_at = now()
WHERE s.service_id = @ServiceId::text
  AND s.state_name = @GrainTypeString::text
  AND s.grain_key = coalesce(@GrainIdExtensionString::text, '')
  AND s.key_n0 = @GrainIdN0::bigint
  AND s.key_n1 = @GrainIdN1::bigint
  AND s.version = @GrainStateVersion::integer
RETURNING s.version AS "NewGrainStateVersion"
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- Delete (DeleteStateOnClear = true): remove the row where the version matches.
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteStorageKey', $query$
DELETE FROM orleans_storage AS s
WHERE s.service_id = @ServiceId::text
  AND s.state_name = @GrainTypeString::text
  AND s.grain_key = coalesce(@GrainIdExtensionString::text, '')
  AND s.key_n0 = @GrainIdN0::bigint
  AND s.key_n1 = @GrainIdN1::bigint
  AND s.version = @GrainStateVersion::integer
RETURNING s.version + 1 AS "NewGrainStateVersion"
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
