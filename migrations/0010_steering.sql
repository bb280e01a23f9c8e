-- Steering: programme -> societal goal -> task/theme -> intervention, indicators with baseline, targets and
-- realisations, and budgets (lasten/baten per theme and year) with reserve mutations.

CREATE TABLE programme (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  first_year smallint NOT NULL CHECK (first_year BETWEEN 2000 AND 2100),
  last_year smallint NOT NULL CHECK (last_year BETWEEN 2000 AND 2100),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, code),
  CHECK (first_year <= last_year)
);
COMMENT ON TABLE programme IS 'Programma of the municipal budget (e.g. 3.1 Maatschappelijke ondersteuning), for a range of years.';
SELECT grip_tenant_isolation('programme');

CREATE TABLE societal_goal (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL,
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, programme_id, code),
  FOREIGN KEY (municipality_code, programme_id) REFERENCES programme (municipality_code, id)
);
COMMENT ON TABLE societal_goal IS 'Maatschappelijk doel (maatschappelijk effect) of a programme.';
SELECT grip_tenant_isolation('societal_goal');

CREATE TABLE theme (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL,
  societal_goal_id uuid,
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  bbv_taakveld_code text REFERENCES bbv_taakveld (code),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, programme_id, code),
  FOREIGN KEY (municipality_code, programme_id) REFERENCES programme (municipality_code, id),
  FOREIGN KEY (municipality_code, societal_goal_id) REFERENCES societal_goal (municipality_code, id)
);
COMMENT ON TABLE theme IS 'Opgave / taak / thema under a societal goal; budgets are kept per theme.';
COMMENT ON COLUMN theme.bbv_taakveld_code IS 'The national BBV taakveld the theme mainly falls under.';
SELECT grip_tenant_isolation('theme');

CREATE TABLE intervention (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  theme_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  owner text NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
  starts_on date,
  ends_on date,
  budget_cents bigint CHECK (budget_cents >= 0),
  status text NOT NULL CHECK (status IN ('gepland', 'gestart', 'afgerond', 'gestopt', 'niet-gestart')),
  expected_result text NOT NULL DEFAULT '' CHECK (length(expected_result) <= 4000),
  achieved_result text CHECK (length(achieved_result) <= 4000),
  status_reason text CHECK (length(status_reason) <= 4000),
  evaluation text CHECK (length(evaluation) <= 4000),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, theme_id) REFERENCES theme (municipality_code, id),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR starts_on <= ends_on),
  CHECK (status <> 'gestopt' OR status_reason IS NOT NULL),
  CHECK (status <> 'afgerond' OR achieved_result IS NOT NULL)
);
COMMENT ON TABLE intervention IS 'Interventie / activiteit in the implementation plan: what we do, who does it, when, and what it costs.';
COMMENT ON COLUMN intervention.status_reason IS 'Why it was stopped (required for gestopt).';
COMMENT ON COLUMN intervention.achieved_result IS 'What it achieved (required for afgerond).';
SELECT grip_tenant_isolation('intervention');

CREATE TABLE indicator (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  kind text NOT NULL CHECK (kind IN ('effect', 'prestatie')),
  unit text NOT NULL CHECK (unit IN ('percentage', 'aantal', 'euro', 'score', 'dagen')),
  source_kind text NOT NULL CHECK (source_kind IN ('berekend', 'extern')),
  definition_code text CHECK (definition_code ~ '^[a-z0-9-]{2,80}$'),
  definition_version integer CHECK (definition_version >= 1),
  source_name text CHECK (length(source_name) BETWEEN 1 AND 200),
  frequency text NOT NULL CHECK (frequency IN ('maand', 'kwartaal', 'jaar', 'tweejaarlijks')),
  direction text NOT NULL CHECK (direction IN ('hoger-is-beter', 'lager-is-beter')),
  societal_goal_id uuid,
  theme_id uuid,
  baseline_year smallint CHECK (baseline_year BETWEEN 2000 AND 2100),
  baseline_value numeric(18, 4),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, code),
  FOREIGN KEY (municipality_code, societal_goal_id) REFERENCES societal_goal (municipality_code, id),
  FOREIGN KEY (municipality_code, theme_id) REFERENCES theme (municipality_code, id),
  CHECK ((source_kind = 'berekend') = (definition_code IS NOT NULL AND definition_version IS NOT NULL)),
  CHECK ((source_kind = 'extern') = (source_name IS NOT NULL)),
  CHECK ((baseline_year IS NULL) = (baseline_value IS NULL))
);
COMMENT ON TABLE indicator IS 'Indicator (effect or prestatie) that measures a goal or theme; computed from Grip''s own data by a named definition, or from an external source.';
COMMENT ON COLUMN indicator.definition_code IS 'Computed indicators: the named definition that computes it (same definition as the dashboard).';
COMMENT ON COLUMN indicator.definition_version IS 'Version of that definition.';
COMMENT ON COLUMN indicator.source_name IS 'External indicators: where the figures come from (GGD monitor, CBS, survey, panel).';
COMMENT ON COLUMN indicator.direction IS 'Which way is better, for on-track / off-track.';
SELECT grip_tenant_isolation('indicator');

CREATE TABLE indicator_target (
  municipality_code text NOT NULL,
  indicator_id uuid NOT NULL,
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  target_value numeric(18, 4) NOT NULL,
  PRIMARY KEY (municipality_code, indicator_id, year),
  FOREIGN KEY (municipality_code, indicator_id) REFERENCES indicator (municipality_code, id)
);
COMMENT ON TABLE indicator_target IS 'Streefwaarde of an indicator for a year.';
SELECT grip_tenant_isolation('indicator_target');

CREATE TABLE indicator_realisation (
  municipality_code text NOT NULL,
  indicator_id uuid NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  value numeric(18, 4) NOT NULL,
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, indicator_id, period_start, period_end),
  FOREIGN KEY (municipality_code, indicator_id) REFERENCES indicator (municipality_code, id),
  CHECK (period_start <= period_end)
);
COMMENT ON TABLE indicator_realisation IS 'Realisatie: the measured value of an indicator over a period, with its source.';
SELECT grip_tenant_isolation('indicator_realisation');

CREATE TABLE budget_line (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  theme_id uuid,
  bbv_taakveld_code text REFERENCES bbv_taakveld (code),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  side text NOT NULL CHECK (side IN ('lasten', 'baten')),
  stage text NOT NULL CHECK (stage IN ('begroting', 'begroting-na-wijziging', 'raming', 'realisatie')),
  amount_thousands numeric(14, 1) NOT NULL CHECK (amount_thousands >= 0),
  source text NOT NULL DEFAULT 'invoer' CHECK (source IN ('invoer', 'import', 'grip-kosten')),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, theme_id) REFERENCES theme (municipality_code, id),
  CHECK (theme_id IS NOT NULL OR bbv_taakveld_code IS NOT NULL)
);
CREATE UNIQUE INDEX budget_line_unique ON budget_line
  (municipality_code, coalesce(theme_id::text, ''), coalesce(bbv_taakveld_code, ''), year, side, stage);
COMMENT ON TABLE budget_line IS 'Lasten or baten of a theme (and/or BBV taakveld) in a year, as begroting, raming or realisatie.';
COMMENT ON COLUMN budget_line.amount_thousands IS 'Amount in euro x 1,000 as municipalities publish it; always positive, the side says lasten or baten.';
COMMENT ON COLUMN budget_line.source IS 'invoer (typed in), import (CSV/XLSX) or grip-kosten (computed from accepted declarations).';
SELECT grip_tenant_isolation('budget_line');

CREATE TABLE reserve_mutation (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL,
  reserve_name text NOT NULL CHECK (length(reserve_name) BETWEEN 1 AND 200),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind text NOT NULL CHECK (kind IN ('storting', 'onttrekking')),
  stage text NOT NULL CHECK (stage IN ('begroting', 'begroting-na-wijziging', 'raming', 'realisatie')),
  amount_thousands numeric(14, 1) NOT NULL CHECK (amount_thousands >= 0),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, programme_id, reserve_name, year, kind, stage),
  FOREIGN KEY (municipality_code, programme_id) REFERENCES programme (municipality_code, id)
);
COMMENT ON TABLE reserve_mutation IS 'Storting in or onttrekking from a reserve for a programme in a year (euro x 1,000).';
SELECT grip_tenant_isolation('reserve_mutation');
