-- Grip foundation: tenancy, identity, sessions, the processing log and the first resident table.
-- Conventions (docs/ARCHITECTURE.md, "Database"):
--   * every tenant table starts with municipality_code and has it first in its primary and unique keys;
--   * foreign keys between tenant tables are composite (municipality_code, id);
--   * row-level security isolates municipalities for the application role (grip_tenant_isolation);
--   * shared catalogues never reference tenant tables.

CREATE TABLE municipality (
  code text PRIMARY KEY CHECK (code ~ '^GM[0-9]{4}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE municipality IS 'Gemeente: the tenant. Code is the CBS municipality code (GM0164 = Hengelo).';

-- Marks a tenant table: enables row-level security so that the application role only sees and writes
-- rows of the municipality set in grip.municipality for the current transaction.
CREATE FUNCTION grip_tenant_isolation(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (municipality_code = current_setting(''grip.municipality'', true)) '
    'WITH CHECK (municipality_code = current_setting(''grip.municipality'', true))', tbl);
END $$;

-- The Dutch 11-proef for a BSN: nine digits d1..d9, 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 divisible by 11.
CREATE FUNCTION bsn_is_valid(bsn text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT bsn ~ '^[0-9]{9}$' AND bsn <> '000000000' AND (
    9 * substr(bsn, 1, 1)::int + 8 * substr(bsn, 2, 1)::int + 7 * substr(bsn, 3, 1)::int +
    6 * substr(bsn, 4, 1)::int + 5 * substr(bsn, 5, 1)::int + 4 * substr(bsn, 6, 1)::int +
    3 * substr(bsn, 7, 1)::int + 2 * substr(bsn, 8, 1)::int - substr(bsn, 9, 1)::int) % 11 = 0
$$;

CREATE TABLE team (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('toegang', 'wijkteam', 'beleid', 'beheer', 'privacy', 'aanbieder')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, name)
);
COMMENT ON TABLE team IS 'A team of professionals (toegangsteam, wijkteam, ...); roles can be scoped to one.';
SELECT grip_tenant_isolation('team');

CREATE TABLE app_user (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  username text NOT NULL CHECK (username = lower(username) AND length(username) BETWEEN 3 AND 200),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  email text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$'),
  password_hash text,
  oidc_subject text,
  active boolean NOT NULL DEFAULT true,
  is_demo boolean NOT NULL DEFAULT false,
  failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
  locked_until timestamptz,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, username),
  UNIQUE (municipality_code, oidc_subject)
);
COMMENT ON TABLE app_user IS 'A person who logs in to Grip: employee, provider staff or resident account.';
COMMENT ON COLUMN app_user.password_hash IS 'argon2id hash (PHC string); NULL for accounts that only log in through OpenID Connect.';
COMMENT ON COLUMN app_user.oidc_subject IS 'Subject identifier at the municipality''s identity provider.';
COMMENT ON COLUMN app_user.is_demo IS 'True for the synthetic demo accounts; a production start never creates them.';
SELECT grip_tenant_isolation('app_user');

CREATE TABLE role_assignment (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN (
    'toegang-medewerker', 'wijkteam-medewerker', 'regisseur', 'beleidsadviseur', 'functioneel-beheerder',
    'privacy-officer', 'aanbieder', 'inwoner')),
  team_id uuid,
  wijk_code text CHECK (wijk_code IS NULL OR wijk_code ~ '^WK[0-9]{6}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, user_id) REFERENCES app_user (municipality_code, id) ON DELETE CASCADE,
  FOREIGN KEY (municipality_code, team_id) REFERENCES team (municipality_code, id)
);
CREATE UNIQUE INDEX role_assignment_unique ON role_assignment
  (municipality_code, user_id, role, coalesce(team_id::text, ''), coalesce(wijk_code, ''));
COMMENT ON TABLE role_assignment IS 'A role held by a user in one municipality, optionally scoped to a team or a wijk.';
SELECT grip_tenant_isolation('role_assignment');

CREATE TABLE user_session (
  municipality_code text NOT NULL,
  token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id uuid NOT NULL,
  csrf_token text NOT NULL,
  auth_method text NOT NULL CHECK (auth_method IN ('local', 'oidc')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (municipality_code, token_hash),
  FOREIGN KEY (municipality_code, user_id) REFERENCES app_user (municipality_code, id) ON DELETE CASCADE
);
COMMENT ON TABLE user_session IS 'Log-in session. Only the SHA-256 of the cookie token is stored.';
SELECT grip_tenant_isolation('user_session');

CREATE TABLE processing_log (
  municipality_code text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  request_id text NOT NULL,
  actor_user_id uuid,
  actor_role text,
  action text NOT NULL,
  purpose text NOT NULL,
  legal_ground text NOT NULL,
  subject_type text,
  subject_ids uuid[] NOT NULL DEFAULT '{}',
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'error')),
  http_status smallint,
  PRIMARY KEY (municipality_code, id)
);
COMMENT ON TABLE processing_log IS 'Verwerkingenlogging: one row per read or write of personal data. Append-only; holds ids, never free text or sensitive values.';
COMMENT ON COLUMN processing_log.purpose IS 'Doelbinding: the purpose the action serves, from the action table in src/access/actions.ts.';
COMMENT ON COLUMN processing_log.subject_ids IS 'Ids of the persons (or households) whose data was processed.';
CREATE INDEX processing_log_time ON processing_log (municipality_code, occurred_at DESC);
CREATE INDEX processing_log_actor ON processing_log (municipality_code, actor_user_id, occurred_at DESC);
CREATE INDEX processing_log_subjects ON processing_log USING gin (subject_ids);
SELECT grip_tenant_isolation('processing_log');

CREATE FUNCTION processing_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'processing_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER processing_log_no_update_or_delete BEFORE UPDATE OR DELETE ON processing_log
  FOR EACH ROW EXECUTE FUNCTION processing_log_is_append_only();
CREATE TRIGGER processing_log_no_truncate BEFORE TRUNCATE ON processing_log
  FOR EACH STATEMENT EXECUTE FUNCTION processing_log_is_append_only();

CREATE TABLE person (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  bsn text NOT NULL CHECK (bsn_is_valid(bsn)),
  given_names text NOT NULL CHECK (length(given_names) BETWEEN 1 AND 200),
  family_name_prefix text CHECK (length(family_name_prefix) <= 20),
  family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 200),
  birth_date date NOT NULL CHECK (birth_date >= DATE '1880-01-01'),
  is_synthetic boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, bsn)
);
COMMENT ON TABLE person IS 'Ingezetene / inwoner known to the social domain of the municipality.';
COMMENT ON COLUMN person.bsn IS 'Burgerservicenummer; passes the 11-proef (bsn_is_valid).';
COMMENT ON COLUMN person.is_synthetic IS 'True for generated demo residents; their BSNs come from a test range.';
CREATE INDEX person_name ON person (municipality_code, lower(family_name), birth_date);
SELECT grip_tenant_isolation('person');
