-- The stored state of one GIREVE session (its charge and its load curve, as JSON text), for
-- lib/charges/record-charge-detail.ts, which writes a record without an explicit transaction: its
-- first statement reads the state (p_lock false; the decision is taken in Node), its second writes
-- only if it reads the same state again under the session's advisory lock (p_lock true), held
-- until that statement commits.
-- A function, because a statement's snapshot is taken when it starts, before it waits for the lock:
-- a VOLATILE function takes a fresh snapshot for each of its statements, so the read below sees
-- whatever the previous holder of the lock committed. PL/pgSQL rather than SQL: it keeps its plans
-- for the session (an SQL function plans its statements again on every call).
CREATE FUNCTION gireve_session_state(p_env "DataEnv", p_operator uuid, p_station uuid, p_session text, p_lock boolean) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF p_lock THEN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_env::text || '|' || p_station::text || '|' || p_session, 18));
  END IF;
  RETURN json_build_object(
    'operation', (SELECT json_build_object('start_s', extract(epoch FROM start_at), 'stop_s', extract(epoch FROM stop_at),
                                           'energy_wh', stop_wh - start_wh, 'door', door, 'flags', quality_flags)
                    FROM charge_operation
                   WHERE env = p_env AND operator_id = p_operator AND station_id = p_station AND transaction_id = p_session),
    'curve', (SELECT json_build_object('start_s', extract(epoch FROM start_at), 'offsets', offsets_s, 'values', values_wh, 'door', door)
                FROM load_curve
               WHERE env = p_env AND operator_id = p_operator AND station_id = p_station AND transaction_id = p_session))::text;
END
$$;
