-- TradingRobotPlug on Microsoft Orleans 10.4.2: cluster membership (Microsoft.Orleans.Clustering.AdoNet).
--
-- Contract implemented (AdoNetClusteringTable and AdoNetGatewayListProvider, 10.4.2). @DeploymentId is the
-- ClusterId. A member is identified by @Address (IPv4/IPv6 text), @Port and @Generation (int). @Status is the
-- SiloStatus number (3 Active, 6 Dead); @StartTime and @IAmAliveTime are UTC timestamps; @SuspectTimes is text
-- "silo,date|silo,date" or null. The whole membership table of a cluster has one version (int); the provider reads
-- it, and passes the version it read as @Version to every change, which must apply only if the version is still
-- that one, and then increment it.
--   InsertMembershipVersionKey   create the cluster's version row if missing; one row, one column: 1 created, 0 existed.
--   MembershipReadAllKey         the version row joined with every member: columns Address, Port, Generation,
--                                SiloName, HostName, Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime,
--                                Version. A cluster without members still yields one row, with null member columns
--                                (a null StartTime means "no member").
--   MembershipReadRowKey         the same columns, for one member (one row, member columns null when absent).
--   InsertMembershipKey          add a member if absent and only if @Version is current; 1 or 0.
--   UpdateMembershipKey          set Status, SuspectTimes, IAmAliveTime of a member only if @Version is current; 1 or 0.
--   UpdateIAmAlivetimeKey        heartbeat: set IAmAliveTime only; no version change, result ignored.
--   GatewaysQueryKey             Address, ProxyPort, Generation of the members in @Status that have a gateway port.
--   DeleteMembershipTableEntriesKey   forget the cluster: members and version row.
--   CleanupDefunctSiloEntriesKey      delete dead members whose IAmAliveTime is older than @IAmAliveTime.
--   CleanupDefunctSiloEntryKey   optional in 10.4.2, used instead of the previous one when present: the provider reads
--                                all members, picks the dead ones older than the cut-off, and deletes each one only if
--                                the row still holds the values it read (@StartTime, @IAmAliveTime, @SuspectTimes),
--                                so a row that changed in between is kept.
-- Result columns are read by name (the quoted aliases below); Port, Generation, Status, ProxyPort as int4.
--
-- Our choices: orleans_cluster holds the version (one row per cluster), orleans_cluster_member the silos. Both
-- changes that need the version are functions which lock the cluster's row first (SELECT ... FOR UPDATE): changes
-- of one cluster are serialized, the version check and the change are one atomic step, and a refused change leaves
-- no trace (the version is not incremented when the member is missing or already exists).

CREATE TABLE IF NOT EXISTS orleans_cluster (
    cluster_id  text        NOT NULL PRIMARY KEY,
    version     integer     NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_cluster_member (
    cluster_id      text        NOT NULL REFERENCES orleans_cluster (cluster_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

COMMENT ON TABLE orleans_cluster IS 'Orleans membership: one row per cluster (ClusterId) holding the table version.';
COMMENT ON TABLE orleans_cluster_member IS
    'Orleans membership: one row per silo incarnation. status is Orleans'' SiloStatus (3 Active, 6 Dead); '
    'suspect_times is "silo,date|silo,date".';

-- Adds a member when p_expected_version is the cluster's version and the member is absent; then increments the
-- version. Returns 1, or 0 when nothing changed.
CREATE OR REPLACE FUNCTION orleans_cluster_add_member(
    p_cluster_id text, p_address text, p_port integer, p_generation integer, p_silo_name text, p_host_name text,
    p_status integer, p_proxy_port integer, p_start_time timestamptz, p_i_am_alive_time timestamptz,
    p_expected_version integer)
    RETURNS integer
    LANGUAGE plpgsql AS
$function$
DECLARE
    current_version integer;
BEGIN
    SELECT c.version INTO current_version
    FROM orleans_cluster AS c
    WHERE c.cluster_id = p_cluster_id
    FOR UPDATE;
    IF NOT FOUND OR current_version <> p_expected_version THEN
        RETURN 0;
    END IF;

    INSERT INTO orleans_cluster_member AS m (
        cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, suspect_times, start_time,
        i_am_alive_time)
    VALUES (
        p_cluster_id, p_address, p_port, p_generation, coalesce(p_silo_name, ''), coalesce(p_host_name, ''),
        p_status, p_proxy_port, NULL, p_start_time, p_i_am_alive_time)
    ON CONFLICT (cluster_id, address, port, generation) DO NOTHING;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE orleans_cluster AS c
    SET version = c.version + 1, changed_at = now()
    WHERE c.cluster_id = p_cluster_id;
    RETURN 1;
END
$function$;

-- Updates a member's status, suspicions and heartbeat when p_expected_version is the cluster's version and the
-- member exists; then increments the version. Returns 1, or 0 when nothing changed.
CREATE OR REPLACE FUNCTION orleans_cluster_update_member(
    p_cluster_id text, p_address text, p_port integer, p_generation integer, p_status integer,
    p_suspect_times text, p_i_am_alive_time timestamptz, p_expected_version integer)
    RETURNS integer
    LANGUAGE plpgsql AS
$function$
DECLARE
    current_version integer;
BEGIN
    SELECT c.version INTO current_version
    FROM orleans_cluster AS c
    WHERE c.cluster_id = p_cluster_id
    FOR UPDATE;
    IF NOT FOUND OR current_version <> p_expected_version THEN
        RETURN 0;
    END IF;

    UPDATE orleans_cluster_member AS m
    SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
    WHERE m.cluster_id = p_cluster_id AND m.address = p_address AND m.port = p_port AND m.generation = p_generation;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE orleans_cluster AS c
    SET version = c.version + 1, changed_at = now()
    WHERE c.cluster_id = p_cluster_id;
    RETURN 1;
END
$function$;

-- The version row starts at 0; the count is 1 when this call created it.
INSERT INTO orleansquery (querykey, querytext) VALUES ('InsertMembershipVersionKey', $query$
WITH created AS (
    INSERT INTO orleans_cluster (cluster_id, version)
    VALUES (@DeploymentId::text, 0)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS "Created" FROM created
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- No row at all when the cluster's version row does not exist (silos create it before reading).
INSERT INTO orleansquery (querykey, querytext) VALUES ('MembershipReadAllKey', $query$
SELECT m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime",
       c.version         AS "Version"
FROM orleans_cluster AS c
LEFT JOIN orleans_cluster_member AS m ON m.cluster_id = c.cluster_id
WHERE c.cluster_id = @DeploymentId::text
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

INSERT INTO orleansquery (querykey, querytext) VALUES ('MembershipReadRowKey', $query$
SELECT m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime",
       c.version         AS "Version"
FROM orleans_cluster AS c
LEFT JOIN orleans_cluster_member AS m
       ON m.cluster_id = c.cluster_id
      AND m.address = @Address::text
      AND m.port = @Port::integer
      AND m.generation = @Generation::integer
WHERE c.cluster_id = @DeploymentId::text
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

INSERT INTO orleansquery (querykey, querytext) VALUES ('InsertMembershipKey', $query$
SELECT orleans_cluster_add_member(
    @DeploymentId::text, @Address::text, @Port::integer, @Generation::integer, @SiloName::text, @HostName::text,
    @Status::integer, @ProxyPort::integer, @StartTime::timestamptz, @IAmAliveTime::timestamptz,
    @Version::integer) AS "Inserted"
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

INSERT INTO orleansquery (querykey, querytext) VALUES ('UpdateMembershipKey', $query$
SELECT orleans_cluster_update_member(
    @DeploymentId::text, @Address::text, @Port::integer, @Generation::integer, @Status::integer,
    @SuspectTimes::text, @IAmAliveTime::timestamptz, @Version::integer) AS "Updated"
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

INSERT INTO orleansquery (querykey, querytext) VALUES ('UpdateIAmAlivetimeKey', $query$
UPDATE orleans_cluster_member AS m
SET i_am_alive_time = @IAmAliveTime::timestamptz
WHERE m.cluster_id = @DeploymentId::text
  AND m.address = @Address::text
  AND m.port = @Port::integer
  AND m.generation = @Generation::integer
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

INSERT INTO orleansquery (querykey, querytext) VALUES ('GatewaysQueryKey', $query$
SELECT m.address    AS "Address",
       m.proxy_port AS "ProxyPort",
       m.generation AS "Generation"
FROM orleans_cluster_member AS m
WHERE m.cluster_id = @DeploymentId::text
  AND m.status = @Status::integer
  AND m.proxy_port > 0
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- The members go with the version row (ON DELETE CASCADE).
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteMembershipTableEntriesKey', $query$
DELETE FROM orleans_cluster AS c
WHERE c.cluster_id = @DeploymentId::text
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- Only Dead (6) members are removed: a silo that is still joining or shutting down, however slow its heartbeat,
-- keeps its row. (The provider uses CleanupDefunctSiloEntryKey below instead while that key exists.)
INSERT INTO orleansquery (querykey, querytext) VALUES ('CleanupDefunctSiloEntriesKey', $query$
DELETE FROM orleans_cluster_member AS m
WHERE m.cluster_id = @DeploymentId::text
  AND m.status = 6
  AND m.i_am_alive_time < @IAmAliveTime::timestamptz
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- Deletes one dead member only if the row still holds what the provider read. Suspicions are compared with null and
-- '' as equal (the provider turns both into "no suspicions" and sends them back as either).
INSERT INTO orleansquery (querykey, querytext) VALUES ('CleanupDefunctSiloEntryKey', $query$
DELETE FROM orleans_cluster_member AS m
WHERE m.cluster_id = @DeploymentId::text
  AND m.address = @Address::text
  AND m.port = @Port::integer
  AND m.generation = @Generation::integer
  AND m.status = 6
  AND m.start_time = @StartTime::timestamptz
  AND m.i_am_alive_time = @IAmAliveTime::timestamptz
  AND coalesce(m.suspect_times, '') = coalesce(@SuspectTimes::text, '')
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
