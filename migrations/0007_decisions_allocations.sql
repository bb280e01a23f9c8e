-- Decisions and allocations: the beschikking per product, the toewijzing to a provider shaped like the
-- iWmo/iJw 3.2 301 message, start and stop of care (305/307), declarations (323) and taakgericht payments.

CREATE TABLE beschikking (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  reference text NOT NULL CHECK (reference ~ '^BS-[0-9]{4}-[0-9]{6,8}$'),
  melding_id uuid,
  person_id uuid NOT NULL,
  law_code text NOT NULL REFERENCES law (code),
  decided_on date NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('toegekend', 'gedeeltelijk-toegekend', 'afgewezen')),
  legal_grounds text NOT NULL CHECK (length(legal_grounds) BETWEEN 1 AND 2000),
  objection_deadline date NOT NULL,
  decided_by uuid,
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, reference),
  FOREIGN KEY (municipality_code, melding_id) REFERENCES melding (municipality_code, id),
  FOREIGN KEY (municipality_code, person_id) REFERENCES person (municipality_code, id),
  FOREIGN KEY (municipality_code, decided_by) REFERENCES app_user (municipality_code, id),
  CHECK (objection_deadline > decided_on)
);
COMMENT ON TABLE beschikking IS 'Beschikking: the decision on an aanvraag under one law, granting or refusing one or more products.';
COMMENT ON COLUMN beschikking.outcome IS 'toegekend, gedeeltelijk-toegekend (some products or less than asked) or afgewezen.';
COMMENT ON COLUMN beschikking.legal_grounds IS 'The articles and regulations the decision rests on.';
COMMENT ON COLUMN beschikking.objection_deadline IS 'Last day to object (bezwaartermijn, 6 weeks after the decision is sent).';
CREATE INDEX beschikking_person ON beschikking (municipality_code, person_id);
SELECT grip_tenant_isolation('beschikking');

CREATE TABLE beschikking_product (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  beschikking_id uuid NOT NULL,
  service_id uuid NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('toegekend', 'afgewezen')),
  grounds text NOT NULL DEFAULT '' CHECK (length(grounds) <= 2000),
  start_date date,
  end_date date,
  volume integer CHECK (volume >= 1),
  unit_code text CHECK (unit_code ~ '^[0-9]{2}$'),
  frequency_code text CHECK (frequency_code ~ '^[0-9]$'),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, beschikking_id) REFERENCES beschikking (municipality_code, id),
  FOREIGN KEY (municipality_code, service_id) REFERENCES service (municipality_code, id),
  CHECK (end_date IS NULL OR start_date IS NULL OR start_date <= end_date),
  CHECK (outcome = 'afgewezen' OR start_date IS NOT NULL)
);
COMMENT ON TABLE beschikking_product IS 'One product in a beschikking, granted (with period and volume) or refused (with grounds).';
COMMENT ON COLUMN beschikking_product.grounds IS 'Why this product was granted or refused.';
COMMENT ON COLUMN beschikking_product.volume IS 'Granted quantity in unit_code per frequency_code.';
CREATE INDEX beschikking_product_beschikking ON beschikking_product (municipality_code, beschikking_id);
SELECT grip_tenant_isolation('beschikking_product');

CREATE TABLE toewijzing (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  toewijzing_number bigint NOT NULL CHECK (toewijzing_number BETWEEN 1 AND 99999999),
  beschikking_product_id uuid,
  referrer_type_code text CHECK (referrer_type_code IN ('01', '02', '03', '04', '05', '06', '08')),
  person_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  contract_id uuid NOT NULL,
  service_id uuid NOT NULL,
  law_code text NOT NULL REFERENCES law (code),
  product_category_code text,
  product_code text CHECK (product_code ~ '^[A-Z0-9]{5}$'),
  start_date date NOT NULL,
  end_date date,
  volume integer CHECK (volume >= 1),
  unit_code text CHECK (unit_code ~ '^[0-9]{2}$'),
  frequency_code text CHECK (frequency_code ~ '^[0-9]$'),
  budget_cents bigint CHECK (budget_cents >= 0),
  commitment_cents bigint NOT NULL CHECK (commitment_cents >= 0),
  status text NOT NULL CHECK (status IN ('actief', 'gewijzigd', 'beeindigd', 'ingetrokken')),
  change_reason_code text CHECK (change_reason_code ~ '^[0-9]{2}$'),
  end_reason_code text CHECK (end_reason_code ~ '^[0-9]{2}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, toewijzing_number),
  FOREIGN KEY (municipality_code, beschikking_product_id) REFERENCES beschikking_product (municipality_code, id),
  FOREIGN KEY (municipality_code, person_id) REFERENCES person (municipality_code, id),
  FOREIGN KEY (municipality_code, provider_id) REFERENCES provider (municipality_code, id),
  FOREIGN KEY (municipality_code, contract_id) REFERENCES contract (municipality_code, id),
  FOREIGN KEY (municipality_code, service_id) REFERENCES service (municipality_code, id),
  FOREIGN KEY (law_code, product_category_code) REFERENCES product_category (law_code, code),
  CHECK (end_date IS NULL OR start_date <= end_date),
  CHECK ((volume IS NULL) = (unit_code IS NULL)),
  CHECK ((volume IS NULL) = (frequency_code IS NULL)),
  CHECK (status <> 'beeindigd' OR end_reason_code IS NOT NULL),
  CHECK (law_code <> 'jeugdwet' OR referrer_type_code IS NOT NULL),
  CHECK (beschikking_product_id IS NOT NULL OR (law_code = 'jeugdwet' AND referrer_type_code IN ('02', '03', '04', '05', '08')))
);
COMMENT ON TABLE toewijzing IS 'Toewijzing: an allocation of a granted product to a contracted provider, shaped like the iWmo/iJw 3.2 301 message.';
COMMENT ON COLUMN toewijzing.toewijzing_number IS 'ToewijzingNummer in the 301 message (unique per municipality, at most 8 digits).';
COMMENT ON COLUMN toewijzing.beschikking_product_id IS 'The granted product this allocation carries out; NULL only for youth care on referral by a GP, youth doctor, medical specialist, certified institution or court, which needs no beschikking.';
COMMENT ON COLUMN toewijzing.referrer_type_code IS 'Verwijzer/Type in the JW301 message (01 gemeente, 02 huisarts, 03 jeugdarts, 04 gecertificeerde instelling, 05 medisch specialist, 06 zelfverwijzer, 08 rechter); required under the Jeugdwet.';
COMMENT ON COLUMN toewijzing.product_category_code IS 'Product/Categorie in the 301 message.';
COMMENT ON COLUMN toewijzing.product_code IS 'Product/Code in the 301 message.';
COMMENT ON COLUMN toewijzing.start_date IS 'ToewijzingIngangsdatum.';
COMMENT ON COLUMN toewijzing.end_date IS 'Einddatum; NULL for an open-ended allocation.';
COMMENT ON COLUMN toewijzing.volume IS 'Omvang/Volume; NULL for output-funded products without a volume.';
COMMENT ON COLUMN toewijzing.unit_code IS 'Omvang/Eenheid (iWmo/iJw list).';
COMMENT ON COLUMN toewijzing.frequency_code IS 'Omvang/Frequentie (iWmo/iJw list).';
COMMENT ON COLUMN toewijzing.budget_cents IS 'Budget in eurocent when the allocation carries one (e.g. outputgericht).';
COMMENT ON COLUMN toewijzing.commitment_cents IS 'Verplichting: the expected cost of the whole allocation at the contract tariff, for the dashboard.';
COMMENT ON COLUMN toewijzing.change_reason_code IS 'RedenWijziging (iWmo/iJw list) of the last change.';
COMMENT ON COLUMN toewijzing.end_reason_code IS 'RedenBeeindiging (iWmo/iJw list) when the allocation ended early or as planned.';
CREATE INDEX toewijzing_person ON toewijzing (municipality_code, person_id, service_id);
CREATE INDEX toewijzing_provider ON toewijzing (municipality_code, provider_id);
SELECT grip_tenant_isolation('toewijzing');

CREATE TABLE care_delivery (
  municipality_code text NOT NULL,
  toewijzing_id uuid NOT NULL,
  start_date date NOT NULL,
  stop_date date,
  stop_reason_code text CHECK (stop_reason_code ~ '^[0-9]{2}$'),
  start_reported_at timestamptz NOT NULL,
  stop_reported_at timestamptz,
  PRIMARY KEY (municipality_code, toewijzing_id, start_date),
  FOREIGN KEY (municipality_code, toewijzing_id) REFERENCES toewijzing (municipality_code, id),
  CHECK (stop_date IS NULL OR stop_date >= start_date),
  CHECK ((stop_date IS NULL) = (stop_reason_code IS NULL)),
  CHECK ((stop_date IS NULL) = (stop_reported_at IS NULL))
);
COMMENT ON TABLE care_delivery IS 'Start (305) and stop (307) of care reported by the provider for an allocation.';
COMMENT ON COLUMN care_delivery.stop_reason_code IS 'RedenBeeindiging from the stop message.';
SELECT grip_tenant_isolation('care_delivery');

CREATE TABLE declaration (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  provider_id uuid NOT NULL,
  declaration_number text NOT NULL CHECK (length(declaration_number) BETWEEN 1 AND 12),
  law_code text NOT NULL REFERENCES law (code),
  period_start date NOT NULL,
  period_end date NOT NULL,
  submitted_at timestamptz NOT NULL,
  total_cents bigint NOT NULL CHECK (total_cents >= 0),
  status text NOT NULL CHECK (status IN ('ingediend', 'verwerkt')),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, provider_id, declaration_number),
  FOREIGN KEY (municipality_code, provider_id) REFERENCES provider (municipality_code, id),
  CHECK (period_start <= period_end)
);
COMMENT ON TABLE declaration IS 'Declaratie (323): a provider''s claim for one period, made up of lines per allocation.';
COMMENT ON COLUMN declaration.declaration_number IS 'DeclaratieNummer of the 323 message, unique per provider.';
COMMENT ON COLUMN declaration.total_cents IS 'Total claimed, in eurocent.';
SELECT grip_tenant_isolation('declaration');

CREATE TABLE declaration_line (
  municipality_code text NOT NULL,
  id bigint GENERATED BY DEFAULT AS IDENTITY,
  declaration_id uuid NOT NULL,
  toewijzing_id uuid NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  volume integer NOT NULL CHECK (volume >= 0),
  unit_code text NOT NULL CHECK (unit_code ~ '^[0-9]{2}$'),
  tariff_cents bigint NOT NULL CHECK (tariff_cents >= 0),
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  status text NOT NULL CHECK (status IN ('geaccepteerd', 'afgewezen')),
  rejection_code text CHECK (rejection_code ~ '^[0-9]{4}$'),
  rejection_reason text CHECK (length(rejection_reason) <= 500),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, declaration_id) REFERENCES declaration (municipality_code, id),
  FOREIGN KEY (municipality_code, toewijzing_id) REFERENCES toewijzing (municipality_code, id),
  CHECK (period_start <= period_end),
  CHECK ((status = 'afgewezen') = (rejection_reason IS NOT NULL))
);
COMMENT ON TABLE declaration_line IS 'Prestatie: one claimed line for one allocation and period, accepted or rejected after the checks against the allocation.';
COMMENT ON COLUMN declaration_line.amount_cents IS 'Claimed amount in eurocent (volume x tariff, or the trajectory price).';
COMMENT ON COLUMN declaration_line.rejection_code IS 'Retourcode (iWmo/iJw list) when rejected.';
COMMENT ON COLUMN declaration_line.rejection_reason IS 'Why the line was rejected, in words.';
CREATE INDEX declaration_line_toewijzing ON declaration_line (municipality_code, toewijzing_id);
CREATE INDEX declaration_line_declaration ON declaration_line (municipality_code, declaration_id);
SELECT grip_tenant_isolation('declaration_line');

CREATE TABLE contract_payment (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  contract_id uuid NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, contract_id, period_start),
  FOREIGN KEY (municipality_code, contract_id) REFERENCES contract (municipality_code, id),
  CHECK (period_start <= period_end)
);
COMMENT ON TABLE contract_payment IS 'Lump-sum payment under a taakgericht contract for one period (no client-level declaration).';
SELECT grip_tenant_isolation('contract_payment');
