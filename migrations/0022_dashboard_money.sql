-- Dashboard sociaal domein (issue 8), the money view and alerts: summary tables of realisation (accepted
-- declaration lines), taakgericht lump sums and commitments (verplichtingen) from allocations, maintained per
-- batch by src/dashboard/money/money-maintainer.ts; and alert rules on dashboard figures with the alerts they
-- fired (src/dashboard/alerts/).
--
-- Realisation is kept at three grains: per client and month (the maintainer's own bookkeeping, so a batch
-- can take out exactly what a client contributed before), per cell without the client (additive sums the
-- views add up), and per client and year with a bitmask of the months with realisation (exact distinct client
-- counts for any period and filter: the basis that decides whether money in a cell may be shown).

CREATE TABLE dash_money_client_month (
  municipality_code text NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  person_id uuid NOT NULL,
  law_code text NOT NULL,
  service_id uuid NOT NULL,
  product_category_code text NOT NULL,
  provider_id uuid NOT NULL,
  funding_variant text NOT NULL CHECK (funding_variant IN ('inspanningsgericht', 'outputgericht', 'taakgericht')),
  wijk_code text NOT NULL,
  buurt_code text NOT NULL,
  age_group text NOT NULL CHECK (age_group IN ('0-17', '18-26', '27-66', '67-74', '75+')),
  amount_cents bigint NOT NULL,
  line_count integer NOT NULL CHECK (line_count >= 1),
  PRIMARY KEY (municipality_code, person_id, month, law_code, service_id, product_category_code, provider_id, funding_variant, buurt_code)
);
COMMENT ON TABLE dash_money_client_month IS 'Dashboard summary: accepted declaration lines per client, month of their period start and cell (law, service, provider, funding variant, buurt, age group). Bookkeeping of the money maintainer; views read dash_money_realisation and dash_money_client_year.';
COMMENT ON COLUMN dash_money_client_month.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_money_client_month.month IS 'First day of the month in which the lines'' periods start.';
COMMENT ON COLUMN dash_money_client_month.person_id IS 'The client of the allocation the lines were declared on.';
COMMENT ON COLUMN dash_money_client_month.law_code IS 'Law of the allocation.';
COMMENT ON COLUMN dash_money_client_month.service_id IS 'Service (product) of the allocation.';
COMMENT ON COLUMN dash_money_client_month.product_category_code IS 'iWmo/iJw product category of the allocation (or its service), for the BBV taakveld; empty when none.';
COMMENT ON COLUMN dash_money_client_month.provider_id IS 'Provider of the allocation.';
COMMENT ON COLUMN dash_money_client_month.funding_variant IS 'Funding variant (uitvoeringsvariant) of the allocation''s contract.';
COMMENT ON COLUMN dash_money_client_month.wijk_code IS 'Wijk of the client''s address on the first day of the lines'' period (onbekend when no address is known).';
COMMENT ON COLUMN dash_money_client_month.buurt_code IS 'Buurt of the client''s address on that day (onbekend when no address is known).';
COMMENT ON COLUMN dash_money_client_month.age_group IS 'Age group of the client on 1 January of the month''s year.';
COMMENT ON COLUMN dash_money_client_month.amount_cents IS 'Sum of the accepted lines'' amounts in eurocent.';
COMMENT ON COLUMN dash_money_client_month.line_count IS 'Number of accepted lines summed.';
CREATE INDEX dash_money_client_month_month ON dash_money_client_month (municipality_code, month);
SELECT grip_tenant_isolation('dash_money_client_month');

CREATE TABLE dash_money_realisation (
  municipality_code text NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  law_code text NOT NULL,
  service_id uuid NOT NULL,
  product_category_code text NOT NULL,
  provider_id uuid NOT NULL,
  funding_variant text NOT NULL CHECK (funding_variant IN ('inspanningsgericht', 'outputgericht', 'taakgericht')),
  wijk_code text NOT NULL,
  buurt_code text NOT NULL,
  age_group text NOT NULL CHECK (age_group IN ('0-17', '18-26', '27-66', '67-74', '75+')),
  amount_cents bigint NOT NULL,
  line_count integer NOT NULL CHECK (line_count >= 0),
  PRIMARY KEY (municipality_code, month, law_code, service_id, product_category_code, provider_id, funding_variant, buurt_code, age_group)
);
COMMENT ON TABLE dash_money_realisation IS 'Dashboard summary: realisation (accepted declaration lines) per month and cell, summed over clients; additive, so any filter and period is a sum of rows.';
COMMENT ON COLUMN dash_money_realisation.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_money_realisation.month IS 'First day of the month in which the lines'' periods start.';
COMMENT ON COLUMN dash_money_realisation.law_code IS 'Law of the allocations.';
COMMENT ON COLUMN dash_money_realisation.service_id IS 'Service (product) of the allocations.';
COMMENT ON COLUMN dash_money_realisation.product_category_code IS 'iWmo/iJw product category, for the BBV taakveld; empty when none.';
COMMENT ON COLUMN dash_money_realisation.provider_id IS 'Provider of the allocations.';
COMMENT ON COLUMN dash_money_realisation.funding_variant IS 'Funding variant of the allocations'' contracts.';
COMMENT ON COLUMN dash_money_realisation.wijk_code IS 'Wijk of the clients'' address at the time (onbekend when not known).';
COMMENT ON COLUMN dash_money_realisation.buurt_code IS 'Buurt of the clients'' address at the time (onbekend when not known).';
COMMENT ON COLUMN dash_money_realisation.age_group IS 'Age group of the clients on 1 January of the month''s year.';
COMMENT ON COLUMN dash_money_realisation.amount_cents IS 'Sum of accepted line amounts in eurocent.';
COMMENT ON COLUMN dash_money_realisation.line_count IS 'Number of accepted lines summed; a batch takes out what it recomputes and removes cells left at 0, so a cell without lines has no row.';
SELECT grip_tenant_isolation('dash_money_realisation');

CREATE TABLE dash_money_client_year (
  municipality_code text NOT NULL,
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  person_id uuid NOT NULL,
  law_code text NOT NULL,
  service_id uuid NOT NULL,
  product_category_code text NOT NULL,
  provider_id uuid NOT NULL,
  funding_variant text NOT NULL CHECK (funding_variant IN ('inspanningsgericht', 'outputgericht', 'taakgericht')),
  wijk_code text NOT NULL,
  buurt_code text NOT NULL,
  age_group text NOT NULL CHECK (age_group IN ('0-17', '18-26', '27-66', '67-74', '75+')),
  month_mask integer NOT NULL CHECK (month_mask BETWEEN 1 AND 4095),
  PRIMARY KEY (municipality_code, year, person_id, law_code, service_id, product_category_code, provider_id, funding_variant, buurt_code)
);
COMMENT ON TABLE dash_money_client_year IS 'Dashboard summary: per client, year and cell the months with realisation, as a bitmask; gives exact distinct client counts (the basis for showing money) for any period and filter.';
COMMENT ON COLUMN dash_money_client_year.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_money_client_year.year IS 'Calendar year.';
COMMENT ON COLUMN dash_money_client_year.person_id IS 'The client.';
COMMENT ON COLUMN dash_money_client_year.law_code IS 'Law of the allocation.';
COMMENT ON COLUMN dash_money_client_year.service_id IS 'Service (product) of the allocation.';
COMMENT ON COLUMN dash_money_client_year.product_category_code IS 'iWmo/iJw product category; empty when none.';
COMMENT ON COLUMN dash_money_client_year.provider_id IS 'Provider of the allocation.';
COMMENT ON COLUMN dash_money_client_year.funding_variant IS 'Funding variant of the allocation''s contract.';
COMMENT ON COLUMN dash_money_client_year.wijk_code IS 'Wijk of the client''s address at the time (onbekend when not known).';
COMMENT ON COLUMN dash_money_client_year.buurt_code IS 'Buurt of the client''s address at the time (onbekend when not known).';
COMMENT ON COLUMN dash_money_client_year.age_group IS 'Age group of the client on 1 January of the year.';
COMMENT ON COLUMN dash_money_client_year.month_mask IS 'Months of the year with accepted lines in this cell: bit 0 = January … bit 11 = December.';
SELECT grip_tenant_isolation('dash_money_client_year');

CREATE TABLE dash_money_commitment (
  municipality_code text NOT NULL,
  toewijzing_id uuid NOT NULL,
  person_id uuid NOT NULL,
  start_month date NOT NULL CHECK (extract(day FROM start_month) = 1),
  law_code text NOT NULL,
  service_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  funding_variant text NOT NULL CHECK (funding_variant IN ('inspanningsgericht', 'outputgericht', 'taakgericht')),
  wijk_code text NOT NULL,
  buurt_code text NOT NULL,
  age_group text NOT NULL CHECK (age_group IN ('0-17', '18-26', '27-66', '67-74', '75+')),
  commitment_cents bigint NOT NULL,
  PRIMARY KEY (municipality_code, toewijzing_id)
);
COMMENT ON TABLE dash_money_commitment IS 'Dashboard summary: the commitment (verplichting) of every allocation that is not withdrawn, by the month it starts, with the client''s wijk, buurt and age group at the start.';
COMMENT ON COLUMN dash_money_commitment.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_money_commitment.toewijzing_id IS 'The allocation.';
COMMENT ON COLUMN dash_money_commitment.person_id IS 'The client of the allocation.';
COMMENT ON COLUMN dash_money_commitment.start_month IS 'First day of the month the allocation starts in.';
COMMENT ON COLUMN dash_money_commitment.law_code IS 'Law of the allocation.';
COMMENT ON COLUMN dash_money_commitment.service_id IS 'Service (product) of the allocation.';
COMMENT ON COLUMN dash_money_commitment.provider_id IS 'Provider of the allocation.';
COMMENT ON COLUMN dash_money_commitment.funding_variant IS 'Funding variant of the allocation''s contract.';
COMMENT ON COLUMN dash_money_commitment.wijk_code IS 'Wijk of the client''s address on the start date (onbekend when not known).';
COMMENT ON COLUMN dash_money_commitment.buurt_code IS 'Buurt of the client''s address on the start date (onbekend when not known).';
COMMENT ON COLUMN dash_money_commitment.age_group IS 'Age group of the client on 1 January of the start year.';
COMMENT ON COLUMN dash_money_commitment.commitment_cents IS 'toewijzing.commitment_cents: the expected cost of the whole allocation in eurocent.';
CREATE INDEX dash_money_commitment_month ON dash_money_commitment (municipality_code, start_month);
CREATE INDEX dash_money_commitment_person ON dash_money_commitment (municipality_code, person_id);
SELECT grip_tenant_isolation('dash_money_commitment');

CREATE TABLE dash_money_lump_sum (
  municipality_code text NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  contract_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  lot text NOT NULL,
  law_code text NOT NULL,
  product_category_code text NOT NULL,
  amount_cents bigint NOT NULL,
  PRIMARY KEY (municipality_code, month, contract_id)
);
COMMENT ON TABLE dash_money_lump_sum IS 'Dashboard summary: taakgericht lump sums (contract_payment) per month and contract; a payment over more than one month is spread over its days. Not attributable to clients, services, wijken or age groups.';
COMMENT ON COLUMN dash_money_lump_sum.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_money_lump_sum.month IS 'First day of the month.';
COMMENT ON COLUMN dash_money_lump_sum.contract_id IS 'The taakgericht contract paid.';
COMMENT ON COLUMN dash_money_lump_sum.provider_id IS 'The contract''s provider.';
COMMENT ON COLUMN dash_money_lump_sum.lot IS 'The contract''s lot (perceel).';
COMMENT ON COLUMN dash_money_lump_sum.law_code IS 'Law of the contract''s first product (by law and category), as the budget realisation from costs counts it; onbekend without products.';
COMMENT ON COLUMN dash_money_lump_sum.product_category_code IS 'Product category of that first product, for the BBV taakveld; empty when none.';
COMMENT ON COLUMN dash_money_lump_sum.amount_cents IS 'The part of the contract''s payments that falls in the month, in eurocent.';
SELECT grip_tenant_isolation('dash_money_lump_sum');

CREATE TABLE dash_alert_rule (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  figure_code text NOT NULL CHECK (figure_code IN ('spending-above-budget', 'indicator-off-track', 'overdue-decisions-rising')),
  threshold_pct numeric(5, 1) CHECK (threshold_pct BETWEEN 0 AND 100),
  taakveld_code text REFERENCES bbv_taakveld (code),
  indicator_id uuid,
  owner_user_id uuid NOT NULL,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, owner_user_id) REFERENCES app_user (municipality_code, id),
  FOREIGN KEY (municipality_code, indicator_id) REFERENCES indicator (municipality_code, id) ON DELETE CASCADE,
  CHECK ((figure_code = 'indicator-off-track') = (indicator_id IS NOT NULL)),
  CHECK ((figure_code = 'indicator-off-track') = (threshold_pct IS NULL)),
  CHECK (figure_code = 'spending-above-budget' OR taakveld_code IS NULL)
);
COMMENT ON TABLE dash_alert_rule IS 'Alert rule on a dashboard figure: when the figure breaches it, its owner is notified in Grip once per breach.';
COMMENT ON COLUMN dash_alert_rule.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_alert_rule.id IS 'Identifier (uuid), unique within the municipality.';
COMMENT ON COLUMN dash_alert_rule.figure_code IS 'The figure watched: spending-above-budget (realisation above the pro-rata budget), indicator-off-track (a steering indicator niet op koers), overdue-decisions-rising (meldingen past their legal term, now against a month ago).';
COMMENT ON COLUMN dash_alert_rule.threshold_pct IS 'Percentage above the reference that breaches the rule (0–100, one decimal); none for indicator-off-track.';
COMMENT ON COLUMN dash_alert_rule.taakveld_code IS 'spending-above-budget only: the BBV taakveld watched; empty for the total of all taakvelden.';
COMMENT ON COLUMN dash_alert_rule.indicator_id IS 'indicator-off-track only: the indicator watched.';
COMMENT ON COLUMN dash_alert_rule.owner_user_id IS 'The account of the municipality notified when the rule is breached.';
COMMENT ON COLUMN dash_alert_rule.active IS 'Only active rules are evaluated.';
COMMENT ON COLUMN dash_alert_rule.version IS 'Version for optimistic locking (ETag / If-Match).';
COMMENT ON COLUMN dash_alert_rule.created_at IS 'When the rule was made.';
COMMENT ON COLUMN dash_alert_rule.updated_at IS 'When the rule was last changed.';
SELECT grip_tenant_isolation('dash_alert_rule');

CREATE TABLE dash_alert (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  rule_id uuid,
  figure_code text NOT NULL,
  owner_user_id uuid NOT NULL,
  fired_at timestamptz NOT NULL DEFAULT now(),
  value numeric(18, 2) NOT NULL,
  reference numeric(18, 2) NOT NULL,
  text_nl text NOT NULL CHECK (length(text_nl) BETWEEN 1 AND 500),
  text_en text NOT NULL CHECK (length(text_en) BETWEEN 1 AND 500),
  notification_id uuid,
  ended_at timestamptz,
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, rule_id) REFERENCES dash_alert_rule (municipality_code, id) ON DELETE SET NULL (rule_id),
  FOREIGN KEY (municipality_code, owner_user_id) REFERENCES app_user (municipality_code, id),
  FOREIGN KEY (municipality_code, notification_id) REFERENCES notification (municipality_code, id) ON DELETE SET NULL (notification_id),
  CHECK (ended_at IS NULL OR ended_at >= fired_at)
);
CREATE UNIQUE INDEX dash_alert_open_once ON dash_alert (municipality_code, rule_id) WHERE ended_at IS NULL;
COMMENT ON TABLE dash_alert IS 'An alert that fired: a rule was newly breached (its owner was notified); it stays open while the breach lasts, so it is told only once, and ends when the figure is back within the rule.';
COMMENT ON COLUMN dash_alert.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_alert.id IS 'Identifier (uuid), unique within the municipality.';
COMMENT ON COLUMN dash_alert.rule_id IS 'The rule that fired; empty once the rule is removed (the history stays).';
COMMENT ON COLUMN dash_alert.figure_code IS 'The figure of the rule when it fired.';
COMMENT ON COLUMN dash_alert.owner_user_id IS 'Who was notified.';
COMMENT ON COLUMN dash_alert.fired_at IS 'When the breach was found.';
COMMENT ON COLUMN dash_alert.value IS 'The figure when it fired: realisation in euro, indicator value, or overdue meldingen now.';
COMMENT ON COLUMN dash_alert.reference IS 'What it was compared with: the pro-rata budget in euro, the indicator target, or overdue meldingen a month before.';
COMMENT ON COLUMN dash_alert.text_nl IS 'The notice in Dutch.';
COMMENT ON COLUMN dash_alert.text_en IS 'The notice in English.';
COMMENT ON COLUMN dash_alert.notification_id IS 'The notification sent to the owner.';
COMMENT ON COLUMN dash_alert.ended_at IS 'When the figure was found back within the rule (or the rule was changed or deactivated); empty while the breach lasts.';
CREATE INDEX dash_alert_fired ON dash_alert (municipality_code, fired_at);
SELECT grip_tenant_isolation('dash_alert');

CREATE TABLE dash_money_person_input (
  municipality_code text NOT NULL,
  person_id uuid NOT NULL,
  input_hash text NOT NULL,
  PRIMARY KEY (municipality_code, person_id)
);
COMMENT ON TABLE dash_money_person_input IS 'Money maintainer bookkeeping: a hash of what a client''s realisation rows depend on besides the declaration lines themselves (birth date, household memberships and their buurten, allocations with law, service, category, provider, funding variant and status). A changed person whose hash is unchanged (e.g. only new declarations) is recomputed for the changed months only.';
COMMENT ON COLUMN dash_money_person_input.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN dash_money_person_input.person_id IS 'The person.';
COMMENT ON COLUMN dash_money_person_input.input_hash IS 'md5 of the inputs as of the last time the person''s rows were recomputed in full.';
SELECT grip_tenant_isolation('dash_money_person_input');
