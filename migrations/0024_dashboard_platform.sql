-- Dashboard platform (issue 8): change tracking for the dashboard summaries, the data version per
-- municipality and the suppression threshold.
--
-- Statement-level AFTER triggers with transition tables (one INSERT … SELECT DISTINCT per statement,
-- never one per row) record which persons, households and months a statement touched in dash_change.
-- src/dashboard/refresh.ts drains it per municipality in batches and brings the dash_* summaries up to
-- date. A session that loads in bulk and refreshes everything afterwards may switch the recording off
-- with `SET grip.dash_tracking = 'off'`; the generator's COPY runs with session_replication_role =
-- replica, under which these triggers do not fire at all, and ends with a full refresh.

ALTER TABLE municipality
  ADD COLUMN suppression_threshold integer NOT NULL DEFAULT 10 CHECK (suppression_threshold BETWEEN 5 AND 100);
COMMENT ON COLUMN municipality.suppression_threshold IS 'Dashboard and exports: counts of persons or households below this number are shown as "<N" with secondary suppression (default 10, 5..100), set by the functioneel beheerder.';

CREATE TABLE dash_change (
  municipality_code text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  kind text NOT NULL CHECK (kind IN ('person', 'household', 'month', 'full')),
  key text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id)
);
COMMENT ON TABLE dash_change IS 'Pending changes for the dashboard summaries: which person, household or month a statement touched (or full: rebuild everything). Drained by the dashboard refresh; a row may occur more than once.';
COMMENT ON COLUMN dash_change.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_change.id IS 'Order of recording; the refresh drains in this order, one batch per transaction.';
COMMENT ON COLUMN dash_change.kind IS 'person, household, month (YYYY-MM of declaration lines or contract payments) or full (rebuild all summaries of the municipality).';
COMMENT ON COLUMN dash_change.key IS 'The person id, household id or month (YYYY-MM); empty for full.';
COMMENT ON COLUMN dash_change.recorded_at IS 'When the change was recorded.';
SELECT grip_tenant_isolation('dash_change');

CREATE TABLE dash_state (
  municipality_code text NOT NULL REFERENCES municipality (code),
  data_version bigint NOT NULL DEFAULT 0 CHECK (data_version >= 0),
  refreshed_at timestamptz,
  settings_version integer NOT NULL DEFAULT 1 CHECK (settings_version >= 1),
  PRIMARY KEY (municipality_code)
);
COMMENT ON TABLE dash_state IS 'State of the dashboard summaries of a municipality: the data version (cache key of every view answer) and when they were last brought up to date.';
COMMENT ON COLUMN dash_state.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_state.data_version IS 'Raised by every refresh that applied changes; view answers are cached per data version.';
COMMENT ON COLUMN dash_state.refreshed_at IS 'When the summaries last took in changes (NULL: never refreshed).';
COMMENT ON COLUMN dash_state.settings_version IS 'Version of the dashboard settings (suppression threshold) for optimistic concurrency (ETag / If-Match).';
SELECT grip_tenant_isolation('dash_state');

-- The application role may not write the municipality catalogue; the threshold is changed through this
-- function, which only lets a transaction change its own municipality.
CREATE FUNCTION dash_set_suppression_threshold(p_municipality_code text, p_threshold integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF p_municipality_code IS DISTINCT FROM current_setting('grip.municipality', true) THEN
    RAISE EXCEPTION 'may only change the threshold of the municipality of the transaction' USING ERRCODE = '42501';
  END IF;
  UPDATE municipality SET suppression_threshold = p_threshold WHERE code = p_municipality_code;
END $$;
COMMENT ON FUNCTION dash_set_suppression_threshold(text, integer) IS 'Sets the dashboard suppression threshold of the municipality of the current tenant transaction (the application role cannot write municipality).';

CREATE FUNCTION dash_track_toewijzing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_new x) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_new x) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_toewijzing() IS 'Records the persons, households or months that a statement on toewijzing changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON toewijzing REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_toewijzing();
CREATE TRIGGER dash_track_update AFTER UPDATE ON toewijzing REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_toewijzing();
CREATE TRIGGER dash_track_delete AFTER DELETE ON toewijzing REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_toewijzing();

CREATE FUNCTION dash_track_beschikking() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_new x) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_new x) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_beschikking() IS 'Records the persons, households or months that a statement on beschikking changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON beschikking REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_beschikking();
CREATE TRIGGER dash_track_update AFTER UPDATE ON beschikking REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_beschikking();
CREATE TRIGGER dash_track_delete AFTER DELETE ON beschikking REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_beschikking();

CREATE FUNCTION dash_track_beschikking_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, b.person_id::text FROM dash_new x JOIN beschikking b ON b.municipality_code = x.municipality_code AND b.id = x.beschikking_id) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, b.person_id::text FROM dash_new x JOIN beschikking b ON b.municipality_code = x.municipality_code AND b.id = x.beschikking_id) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, b.person_id::text FROM dash_old x JOIN beschikking b ON b.municipality_code = x.municipality_code AND b.id = x.beschikking_id) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, b.person_id::text FROM dash_old x JOIN beschikking b ON b.municipality_code = x.municipality_code AND b.id = x.beschikking_id) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_beschikking_product() IS 'Records the persons, households or months that a statement on beschikking_product changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON beschikking_product REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_beschikking_product();
CREATE TRIGGER dash_track_update AFTER UPDATE ON beschikking_product REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_beschikking_product();
CREATE TRIGGER dash_track_delete AFTER DELETE ON beschikking_product REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_beschikking_product();

CREATE FUNCTION dash_track_declaration_line() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'month', s.key FROM (SELECT x.municipality_code, to_char(m, 'YYYY-MM') FROM dash_new x, generate_series(date_trunc('month', x.period_start), x.period_end, interval '1 month') m) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, t.person_id::text FROM dash_new x JOIN toewijzing t ON t.municipality_code = x.municipality_code AND t.id = x.toewijzing_id) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'month', s.key FROM (SELECT x.municipality_code, to_char(m, 'YYYY-MM') FROM dash_new x, generate_series(date_trunc('month', x.period_start), x.period_end, interval '1 month') m) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, t.person_id::text FROM dash_new x JOIN toewijzing t ON t.municipality_code = x.municipality_code AND t.id = x.toewijzing_id) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'month', s.key FROM (SELECT x.municipality_code, to_char(m, 'YYYY-MM') FROM dash_old x, generate_series(date_trunc('month', x.period_start), x.period_end, interval '1 month') m) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, t.person_id::text FROM dash_old x JOIN toewijzing t ON t.municipality_code = x.municipality_code AND t.id = x.toewijzing_id) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'month', s.key FROM (SELECT x.municipality_code, to_char(m, 'YYYY-MM') FROM dash_old x, generate_series(date_trunc('month', x.period_start), x.period_end, interval '1 month') m) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, t.person_id::text FROM dash_old x JOIN toewijzing t ON t.municipality_code = x.municipality_code AND t.id = x.toewijzing_id) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_declaration_line() IS 'Records the persons, households or months that a statement on declaration_line changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON declaration_line REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_declaration_line();
CREATE TRIGGER dash_track_update AFTER UPDATE ON declaration_line REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_declaration_line();
CREATE TRIGGER dash_track_delete AFTER DELETE ON declaration_line REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_declaration_line();

CREATE FUNCTION dash_track_contract_payment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'month', s.key FROM (SELECT x.municipality_code, to_char(m, 'YYYY-MM') FROM dash_new x, generate_series(date_trunc('month', x.period_start), x.period_end, interval '1 month') m) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'month', s.key FROM (SELECT x.municipality_code, to_char(m, 'YYYY-MM') FROM dash_new x, generate_series(date_trunc('month', x.period_start), x.period_end, interval '1 month') m) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'month', s.key FROM (SELECT x.municipality_code, to_char(m, 'YYYY-MM') FROM dash_old x, generate_series(date_trunc('month', x.period_start), x.period_end, interval '1 month') m) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'month', s.key FROM (SELECT x.municipality_code, to_char(m, 'YYYY-MM') FROM dash_old x, generate_series(date_trunc('month', x.period_start), x.period_end, interval '1 month') m) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_contract_payment() IS 'Records the persons, households or months that a statement on contract_payment changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON contract_payment REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_contract_payment();
CREATE TRIGGER dash_track_update AFTER UPDATE ON contract_payment REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_contract_payment();
CREATE TRIGGER dash_track_delete AFTER DELETE ON contract_payment REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_contract_payment();

CREATE FUNCTION dash_track_care_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, t.person_id::text FROM dash_new x JOIN toewijzing t ON t.municipality_code = x.municipality_code AND t.id = x.toewijzing_id) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, t.person_id::text FROM dash_new x JOIN toewijzing t ON t.municipality_code = x.municipality_code AND t.id = x.toewijzing_id) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, t.person_id::text FROM dash_old x JOIN toewijzing t ON t.municipality_code = x.municipality_code AND t.id = x.toewijzing_id) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, t.person_id::text FROM dash_old x JOIN toewijzing t ON t.municipality_code = x.municipality_code AND t.id = x.toewijzing_id) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_care_delivery() IS 'Records the persons, households or months that a statement on care_delivery changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON care_delivery REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_care_delivery();
CREATE TRIGGER dash_track_update AFTER UPDATE ON care_delivery REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_care_delivery();
CREATE TRIGGER dash_track_delete AFTER DELETE ON care_delivery REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_care_delivery();

CREATE FUNCTION dash_track_melding() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_new x) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_new x) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_melding() IS 'Records the persons, households or months that a statement on melding changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON melding REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_melding();
CREATE TRIGGER dash_track_update AFTER UPDATE ON melding REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_melding();
CREATE TRIGGER dash_track_delete AFTER DELETE ON melding REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_melding();

CREATE FUNCTION dash_track_help_question() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_new x WHERE x.person_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, x.household_id::text FROM dash_new x WHERE x.household_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'month', s.key FROM (SELECT x.municipality_code, to_char(x.received_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') FROM dash_new x WHERE x.person_id IS NULL AND x.household_id IS NULL) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_new x WHERE x.person_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, x.household_id::text FROM dash_new x WHERE x.household_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'month', s.key FROM (SELECT x.municipality_code, to_char(x.received_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') FROM dash_new x WHERE x.person_id IS NULL AND x.household_id IS NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_old x WHERE x.person_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, x.household_id::text FROM dash_old x WHERE x.household_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'month', s.key FROM (SELECT x.municipality_code, to_char(x.received_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') FROM dash_old x WHERE x.person_id IS NULL AND x.household_id IS NULL) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_old x WHERE x.person_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, x.household_id::text FROM dash_old x WHERE x.household_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'month', s.key FROM (SELECT x.municipality_code, to_char(x.received_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') FROM dash_old x WHERE x.person_id IS NULL AND x.household_id IS NULL) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_help_question() IS 'Records the persons and households that a statement on help_question changed, and the month of questions asked anonymously (neither person nor household), for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON help_question REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_help_question();
CREATE TRIGGER dash_track_update AFTER UPDATE ON help_question REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_help_question();
CREATE TRIGGER dash_track_delete AFTER DELETE ON help_question REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_help_question();

CREATE FUNCTION dash_track_triage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT q.municipality_code, q.person_id::text FROM dash_new x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.person_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT q.municipality_code, q.household_id::text FROM dash_new x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.household_id IS NOT NULL) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT q.municipality_code, q.person_id::text FROM dash_new x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.person_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT q.municipality_code, q.household_id::text FROM dash_new x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.household_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT q.municipality_code, q.person_id::text FROM dash_old x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.person_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT q.municipality_code, q.household_id::text FROM dash_old x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.household_id IS NOT NULL) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT q.municipality_code, q.person_id::text FROM dash_old x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.person_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT q.municipality_code, q.household_id::text FROM dash_old x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.household_id IS NOT NULL) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_triage() IS 'Records the persons, households or months that a statement on triage changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON triage REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_triage();
CREATE TRIGGER dash_track_update AFTER UPDATE ON triage REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_triage();
CREATE TRIGGER dash_track_delete AFTER DELETE ON triage REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_triage();

CREATE FUNCTION dash_track_intake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT q.municipality_code, q.person_id::text FROM dash_new x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.person_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT q.municipality_code, q.household_id::text FROM dash_new x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.household_id IS NOT NULL) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT q.municipality_code, q.person_id::text FROM dash_new x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.person_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT q.municipality_code, q.household_id::text FROM dash_new x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.household_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT q.municipality_code, q.person_id::text FROM dash_old x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.person_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT q.municipality_code, q.household_id::text FROM dash_old x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.household_id IS NOT NULL) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT q.municipality_code, q.person_id::text FROM dash_old x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.person_id IS NOT NULL) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT q.municipality_code, q.household_id::text FROM dash_old x JOIN help_question q ON q.municipality_code = x.municipality_code AND q.id = x.help_question_id WHERE q.household_id IS NOT NULL) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_intake() IS 'Records the persons, households or months that a statement on intake changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON intake REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_intake();
CREATE TRIGGER dash_track_update AFTER UPDATE ON intake REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_intake();
CREATE TRIGGER dash_track_delete AFTER DELETE ON intake REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_intake();

CREATE FUNCTION dash_track_life_domain_score() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_new x) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_new x) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_life_domain_score() IS 'Records the persons, households or months that a statement on life_domain_score changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON life_domain_score REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_life_domain_score();
CREATE TRIGGER dash_track_update AFTER UPDATE ON life_domain_score REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_life_domain_score();
CREATE TRIGGER dash_track_delete AFTER DELETE ON life_domain_score REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_life_domain_score();

CREATE FUNCTION dash_track_plan_evaluation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, p.household_id::text FROM dash_new x JOIN household_plan p ON p.municipality_code = x.municipality_code AND p.id = x.plan_id) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, p.household_id::text FROM dash_new x JOIN household_plan p ON p.municipality_code = x.municipality_code AND p.id = x.plan_id) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, p.household_id::text FROM dash_old x JOIN household_plan p ON p.municipality_code = x.municipality_code AND p.id = x.plan_id) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, p.household_id::text FROM dash_old x JOIN household_plan p ON p.municipality_code = x.municipality_code AND p.id = x.plan_id) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_plan_evaluation() IS 'Records the persons, households or months that a statement on plan_evaluation changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON plan_evaluation REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_plan_evaluation();
CREATE TRIGGER dash_track_update AFTER UPDATE ON plan_evaluation REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_plan_evaluation();
CREATE TRIGGER dash_track_delete AFTER DELETE ON plan_evaluation REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_plan_evaluation();

CREATE FUNCTION dash_track_household_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_new x) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, x.household_id::text FROM dash_new x) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_new x) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, x.household_id::text FROM dash_new x) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_old x) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, x.household_id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.person_id::text FROM dash_old x) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, x.household_id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_household_member() IS 'Records the persons, households or months that a statement on household_member changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON household_member REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_household_member();
CREATE TRIGGER dash_track_update AFTER UPDATE ON household_member REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_household_member();
CREATE TRIGGER dash_track_delete AFTER DELETE ON household_member REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_household_member();

CREATE FUNCTION dash_track_household() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, x.id::text FROM dash_new x) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, x.id::text FROM dash_new x) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, x.id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'household', s.key FROM (SELECT x.municipality_code, x.id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_household() IS 'Records the persons, households or months that a statement on household changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON household REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_household();
CREATE TRIGGER dash_track_update AFTER UPDATE ON household REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_household();
CREATE TRIGGER dash_track_delete AFTER DELETE ON household REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_household();

CREATE FUNCTION dash_track_address() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'household', s.key FROM (SELECT h.municipality_code, h.id::text FROM dash_new x JOIN household h ON h.municipality_code = x.municipality_code AND h.address_id = x.id) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'household', s.key FROM (SELECT h.municipality_code, h.id::text FROM dash_new x JOIN household h ON h.municipality_code = x.municipality_code AND h.address_id = x.id) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'household', s.key FROM (SELECT h.municipality_code, h.id::text FROM dash_old x JOIN household h ON h.municipality_code = x.municipality_code AND h.address_id = x.id) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'household', s.key FROM (SELECT h.municipality_code, h.id::text FROM dash_old x JOIN household h ON h.municipality_code = x.municipality_code AND h.address_id = x.id) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_address() IS 'Records the persons, households or months that a statement on address changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON address REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_address();
CREATE TRIGGER dash_track_update AFTER UPDATE ON address REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_address();
CREATE TRIGGER dash_track_delete AFTER DELETE ON address REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_address();

CREATE FUNCTION dash_track_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('grip.dash_tracking', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.id::text FROM dash_new x) AS s (municipality_code, key)
    ) AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.id::text FROM dash_new x) AS s (municipality_code, key)
      UNION ALL SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  ELSE
    INSERT INTO dash_change (municipality_code, kind, key)
    SELECT DISTINCT * FROM (
      SELECT s.municipality_code, 'person', s.key FROM (SELECT x.municipality_code, x.id::text FROM dash_old x) AS s (municipality_code, key)
    ) AS c;
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION dash_track_person() IS 'Records the persons, households or months that a statement on person changed, for the dashboard refresh.';
CREATE TRIGGER dash_track_insert AFTER INSERT ON person REFERENCING NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_person();
CREATE TRIGGER dash_track_update AFTER UPDATE ON person REFERENCING OLD TABLE AS dash_old NEW TABLE AS dash_new
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_person();
CREATE TRIGGER dash_track_delete AFTER DELETE ON person REFERENCING OLD TABLE AS dash_old
  FOR EACH STATEMENT EXECUTE FUNCTION dash_track_person();

