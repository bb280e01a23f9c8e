-- Dashboard count cube (issue 8): distinct counts of persons (or rows) pre-computed per standard period,
-- per law and age group (or all of them) and per breakdown, so that a view for a whole year, the year to
-- date or the whole period reads a handful of rows instead of counting persons over the person grain.
-- Distinct counts cannot be summed across periods or breakdowns, so every standard period has its own rows;
-- they can be summed across persons, which is how src/dashboard/cube/cube-maintenance.ts keeps the cube up to
-- date: per refresh it subtracts what the changed persons counted for before and adds what they count for now.
CREATE TABLE dash_cube (
  municipality_code text NOT NULL REFERENCES municipality (code),
  measure text NOT NULL,
  period text NOT NULL,
  law_code text NOT NULL,
  age_group text NOT NULL,
  breakdown text NOT NULL,
  key text NOT NULL,
  persons integer NOT NULL,
  PRIMARY KEY (municipality_code, measure, period, law_code, age_group, breakdown, key)
);
COMMENT ON TABLE dash_cube IS 'Dashboard summary: distinct persons (or rows) per measure, standard period, law, age group and breakdown, kept up to date per refresh by subtracting and adding the contributions of the changed persons.';
COMMENT ON COLUMN dash_cube.municipality_code IS 'Municipality the row belongs to (CBS code); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_cube.measure IS 'What is counted (src/dashboard/cube/cube-measures.ts), e.g. clients, clients-maatwerk, intake-needs.';
COMMENT ON COLUMN dash_cube.period IS 'Standard period: Y2025 (calendar year), A2026 (January up to the month of dash_cube_state.last_month, for that year and the one before), ALL (dash_cube_state.first_month up to last_month).';
COMMENT ON COLUMN dash_cube.law_code IS 'Law the count is filtered on; * for all laws.';
COMMENT ON COLUMN dash_cube.age_group IS 'Age group the count is filtered on; * for all age groups.';
COMMENT ON COLUMN dash_cube.breakdown IS 'Breakdown of the count (total, law, kind, service, provider, wijk, ageGroup, lifeDomain, layer).';
COMMENT ON COLUMN dash_cube.key IS 'Value of the breakdown (a code or id as text; empty for the total and for an unknown value).';
COMMENT ON COLUMN dash_cube.persons IS 'Distinct persons in the cell; rows that fall to 0 are removed. No CHECK (persons >= 0): a subtraction is an INSERT … ON CONFLICT with a negative count, and PostgreSQL checks constraints on the proposed row before it finds the conflict.';
SELECT grip_tenant_isolation('dash_cube');

CREATE TABLE dash_cube_state (
  municipality_code text NOT NULL REFERENCES municipality (code),
  first_month text NOT NULL CHECK (first_month ~ '^\d{4}-\d{2}$'),
  last_month text NOT NULL CHECK (last_month ~ '^\d{4}-\d{2}$'),
  built_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code)
);
COMMENT ON TABLE dash_cube_state IS 'The data period the count cube was built for; when the period of the data moves (a new month), the cube is rebuilt and views count from the person grain until then.';
COMMENT ON COLUMN dash_cube_state.municipality_code IS 'Municipality the row belongs to (CBS code); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_cube_state.first_month IS 'First month of the data (YYYY-MM): start of the standard period ALL.';
COMMENT ON COLUMN dash_cube_state.last_month IS 'Last month of the data (YYYY-MM): end of ALL and of the year-to-date periods A….';
COMMENT ON COLUMN dash_cube_state.built_at IS 'When the cube was last built from scratch.';
SELECT grip_tenant_isolation('dash_cube_state');

-- The data period (first and last month, read on every dashboard request after a change) takes the earliest
-- and latest declaration month: an index scan instead of a scan of every declaration.
CREATE INDEX declaration_period_start ON declaration (municipality_code, period_start);
COMMENT ON INDEX declaration_period_start IS 'Dashboard: first and last declaration month of the data period.';
