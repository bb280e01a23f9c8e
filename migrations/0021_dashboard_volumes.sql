-- Dashboard summaries for the views "volumes" and "durations" (issue 8). Maintained per batch by
-- src/dashboard/volumes/*-maintainer.ts and src/dashboard/durations/duration-maintainer.ts; views read
-- only these tables. Every row can be rebuilt from the base tables, so none has foreign keys.

-- Client-year grain: one row per person x year x law x service x provider x area x age group, with the
-- months of that year in which the person had that support. Distinct clients under any filter and any
-- period are counted from here (counts cannot be summed across months or services).
CREATE TABLE dash_client_year (
  municipality_code text NOT NULL,
  year smallint NOT NULL,
  person_id uuid NOT NULL,
  law_code text NOT NULL,
  service_id uuid NOT NULL,
  service_kind text NOT NULL CHECK (service_kind IN ('algemeen', 'maatwerk')),
  provider_id uuid,
  wijk_code text,
  buurt_code text,
  age_group text NOT NULL CHECK (age_group IN ('0-17', '18-26', '27-66', '67-74', '75+')),
  months integer NOT NULL CHECK (months > 0 AND months < 16384),
  id bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (municipality_code, id)
);
COMMENT ON TABLE dash_client_year IS 'Dashboard summary: months with support per client, year, law, service, provider, area and age group (maatwerk toewijzingen, bijstand-like benefits without a provider, and referrals to algemene voorzieningen).';
COMMENT ON COLUMN dash_client_year.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_client_year.year IS 'Calendar year the months belong to.';
COMMENT ON COLUMN dash_client_year.person_id IS 'The client (person); used only to count distinct clients.';
COMMENT ON COLUMN dash_client_year.law_code IS 'Law of the support (of the toewijzing, or of the service).';
COMMENT ON COLUMN dash_client_year.service_id IS 'The service (product) of the support.';
COMMENT ON COLUMN dash_client_year.service_kind IS 'maatwerk (toewijzing or benefit granted by beschikking) or algemeen (referral to an algemene voorziening at triage).';
COMMENT ON COLUMN dash_client_year.provider_id IS 'Provider of the toewijzing; NULL for benefits paid by the municipality itself and for referrals.';
COMMENT ON COLUMN dash_client_year.wijk_code IS 'Wijk of the client''s address in those months (the household the person belonged to); NULL when unknown.';
COMMENT ON COLUMN dash_client_year.buurt_code IS 'Buurt of the client''s address in those months; NULL when unknown.';
COMMENT ON COLUMN dash_client_year.age_group IS 'Age group of the client on 1 January of the year.';
COMMENT ON COLUMN dash_client_year.months IS 'Bit mask: bit 1..12 = support on at least one day of January..December of the year; bit 0 = December of the year before, bit 13 = January of the year after (for inflow and outflow).';
COMMENT ON COLUMN dash_client_year.id IS 'Row identifier (bigint identity); the grain itself has nullable parts (provider, area), so it cannot be the key.';
CREATE INDEX dash_client_year_year ON dash_client_year (municipality_code, year, law_code);
CREATE INDEX dash_client_year_person ON dash_client_year (municipality_code, person_id);
SELECT grip_tenant_isolation('dash_client_year');

-- One row per beschikking: decision counts by outcome and the legal term of its melding.
CREATE TABLE dash_legal_decision (
  municipality_code text NOT NULL,
  beschikking_id uuid NOT NULL,
  person_id uuid NOT NULL,
  law_code text NOT NULL,
  outcome text NOT NULL,
  decided_on date NOT NULL,
  melded_on date,
  decision_due_on date,
  wijk_code text,
  buurt_code text,
  age_group text NOT NULL CHECK (age_group IN ('0-17', '18-26', '27-66', '67-74', '75+')),
  PRIMARY KEY (municipality_code, beschikking_id)
);
COMMENT ON TABLE dash_legal_decision IS 'Dashboard summary: one row per beschikking with the dates of its melding, for decision counts, legal-term compliance and days from melding to decision.';
COMMENT ON COLUMN dash_legal_decision.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_legal_decision.beschikking_id IS 'The beschikking.';
COMMENT ON COLUMN dash_legal_decision.person_id IS 'The person the decision is about; used to refresh per person.';
COMMENT ON COLUMN dash_legal_decision.law_code IS 'Law of the decision.';
COMMENT ON COLUMN dash_legal_decision.outcome IS 'toegekend, gedeeltelijk-toegekend or afgewezen.';
COMMENT ON COLUMN dash_legal_decision.decided_on IS 'Date of the decision.';
COMMENT ON COLUMN dash_legal_decision.melded_on IS 'Date of the melding the decision answers; NULL for decisions without a melding.';
COMMENT ON COLUMN dash_legal_decision.decision_due_on IS 'Legal decision date of the melding (suspension included); NULL when the melding has none.';
COMMENT ON COLUMN dash_legal_decision.wijk_code IS 'Wijk of the person''s address on the decision date; NULL when unknown.';
COMMENT ON COLUMN dash_legal_decision.buurt_code IS 'Buurt of the person''s address on the decision date; NULL when unknown.';
COMMENT ON COLUMN dash_legal_decision.age_group IS 'Age group of the person on 1 January of the decision''s year.';
CREATE INDEX dash_legal_decision_decided ON dash_legal_decision (municipality_code, decided_on);
CREATE INDEX dash_legal_decision_person ON dash_legal_decision (municipality_code, person_id);
SELECT grip_tenant_isolation('dash_legal_decision');

-- One row per melding: meldingen received and meldingen still open past their legal term.
CREATE TABLE dash_legal_melding (
  municipality_code text NOT NULL,
  melding_id uuid NOT NULL,
  person_id uuid NOT NULL,
  law_code text NOT NULL,
  melded_on date NOT NULL,
  aanvraag_on date,
  investigation_due_on date,
  decision_due_on date,
  closed_on date,
  wijk_code text,
  buurt_code text,
  age_group text NOT NULL CHECK (age_group IN ('0-17', '18-26', '27-66', '67-74', '75+')),
  PRIMARY KEY (municipality_code, melding_id)
);
COMMENT ON TABLE dash_legal_melding IS 'Dashboard summary: one row per melding with its legal clocks, for meldingen received and meldingen open past their term.';
COMMENT ON COLUMN dash_legal_melding.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_legal_melding.melding_id IS 'The melding.';
COMMENT ON COLUMN dash_legal_melding.person_id IS 'The person the melding is about; used to refresh per person.';
COMMENT ON COLUMN dash_legal_melding.law_code IS 'Law of the melding.';
COMMENT ON COLUMN dash_legal_melding.melded_on IS 'Date of the melding.';
COMMENT ON COLUMN dash_legal_melding.aanvraag_on IS 'Date of the aanvraag (Wmo), from which the decision clock runs.';
COMMENT ON COLUMN dash_legal_melding.investigation_due_on IS 'Due date of the investigation (Wmo, schuldhulp).';
COMMENT ON COLUMN dash_legal_melding.decision_due_on IS 'Legal decision date.';
COMMENT ON COLUMN dash_legal_melding.closed_on IS 'Date the melding was closed (decided or withdrawn); NULL while open.';
COMMENT ON COLUMN dash_legal_melding.wijk_code IS 'Wijk of the person''s address on the melding date; NULL when unknown.';
COMMENT ON COLUMN dash_legal_melding.buurt_code IS 'Buurt of the person''s address on the melding date; NULL when unknown.';
COMMENT ON COLUMN dash_legal_melding.age_group IS 'Age group of the person on 1 January of the melding''s year.';
CREATE INDEX dash_legal_melding_melded ON dash_legal_melding (municipality_code, melded_on);
CREATE INDEX dash_legal_melding_open ON dash_legal_melding (municipality_code, (coalesce(closed_on, DATE '9999-12-31')));
CREATE INDEX dash_legal_melding_person ON dash_legal_melding (municipality_code, person_id);
SELECT grip_tenant_isolation('dash_legal_melding');

-- One row per toewijzing (not withdrawn): how long trajectories last.
CREATE TABLE dash_duration (
  municipality_code text NOT NULL,
  toewijzing_id uuid NOT NULL,
  person_id uuid NOT NULL,
  law_code text NOT NULL,
  service_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  wijk_code text,
  buurt_code text,
  age_group text NOT NULL CHECK (age_group IN ('0-17', '18-26', '27-66', '67-74', '75+')),
  start_date date NOT NULL,
  end_date date,
  PRIMARY KEY (municipality_code, toewijzing_id)
);
COMMENT ON TABLE dash_duration IS 'Dashboard summary: one row per toewijzing (not withdrawn) with its start and (planned) end, for trajectory durations.';
COMMENT ON COLUMN dash_duration.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_duration.toewijzing_id IS 'The toewijzing (trajectory).';
COMMENT ON COLUMN dash_duration.person_id IS 'The client; used to refresh per person.';
COMMENT ON COLUMN dash_duration.law_code IS 'Law of the toewijzing.';
COMMENT ON COLUMN dash_duration.service_id IS 'Service (product) of the toewijzing.';
COMMENT ON COLUMN dash_duration.provider_id IS 'Provider of the toewijzing.';
COMMENT ON COLUMN dash_duration.wijk_code IS 'Wijk of the client''s address on the start date; NULL when unknown.';
COMMENT ON COLUMN dash_duration.buurt_code IS 'Buurt of the client''s address on the start date; NULL when unknown.';
COMMENT ON COLUMN dash_duration.age_group IS 'Age group of the client on 1 January of the start year.';
COMMENT ON COLUMN dash_duration.start_date IS 'First day of the toewijzing.';
COMMENT ON COLUMN dash_duration.end_date IS 'Last day (actual, or planned while running); NULL when open-ended.';
CREATE INDEX dash_duration_start ON dash_duration (municipality_code, start_date);
CREATE INDEX dash_duration_person ON dash_duration (municipality_code, person_id);
SELECT grip_tenant_isolation('dash_duration');
