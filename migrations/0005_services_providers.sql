-- Services (the catalogue of algemene voorzieningen and maatwerk) and the providers who deliver them under
-- contract, with their quality checks, incidents and suspicions of fraud.

CREATE TABLE provider (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kvk_number text CHECK (kvk_number ~ '^[0-9]{8}$'),
  agb_code text CHECK (agb_code ~ '^[0-9]{8}$'),
  city text CHECK (length(city) BETWEEN 1 AND 80),
  is_synthetic boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, kvk_number),
  UNIQUE (municipality_code, agb_code)
);
COMMENT ON TABLE provider IS 'Zorgaanbieder: organisation that delivers services under contract (or subsidy) to the municipality.';
COMMENT ON COLUMN provider.kvk_number IS 'Number in the Kamer van Koophandel trade register (8 digits).';
COMMENT ON COLUMN provider.agb_code IS 'AGB code (Vektis), the provider identification in iWmo/iJw messages (8 digits).';
COMMENT ON COLUMN provider.is_synthetic IS 'True for generated demo providers.';
SELECT grip_tenant_isolation('provider');

CREATE TABLE service (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  kind text NOT NULL CHECK (kind IN ('algemeen', 'maatwerk')),
  delivery text NOT NULL CHECK (delivery IN ('individueel', 'collectief')),
  law_code text NOT NULL REFERENCES law (code),
  product_category_code text,
  product_code text CHECK (product_code ~ '^[A-Z0-9]{5}$'),
  unit_code text CHECK (unit_code ~ '^[0-9]{2}$'),
  frequency_code text CHECK (frequency_code ~ '^[0-9]$'),
  funding_variant text CHECK (funding_variant IN ('inspanningsgericht', 'outputgericht', 'taakgericht')),
  target_group text NOT NULL DEFAULT '' CHECK (length(target_group) <= 500),
  min_age smallint CHECK (min_age BETWEEN 0 AND 120),
  max_age smallint CHECK (max_age BETWEEN 0 AND 120),
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, code),
  FOREIGN KEY (law_code, product_category_code) REFERENCES product_category (law_code, code),
  CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age),
  CHECK (kind = 'algemeen' OR law_code NOT IN ('wmo', 'jeugdwet') OR
         (product_category_code IS NOT NULL AND product_code IS NOT NULL AND unit_code IS NOT NULL))
);
COMMENT ON TABLE service IS 'Voorziening in the catalogue: an algemene voorziening (free access) or a maatwerkvoorziening (granted by beschikking).';
COMMENT ON COLUMN service.code IS 'Short code of the service, unique in the municipality.';
COMMENT ON COLUMN service.kind IS 'algemeen: free access without a decision; maatwerk: individually granted.';
COMMENT ON COLUMN service.delivery IS 'individueel (one client) or collectief (a group or the whole wijk).';
COMMENT ON COLUMN service.law_code IS 'The law the service falls under.';
COMMENT ON COLUMN service.product_category_code IS 'iWmo/iJw productcategorie; required for maatwerk under Wmo and Jeugdwet.';
COMMENT ON COLUMN service.product_code IS 'iWmo/iJw productcode (5 characters, municipal product list within the category).';
COMMENT ON COLUMN service.unit_code IS 'Eenheid from the iWmo/iJw list (04 uur, 14 etmaal, 16 dagdeel, 82 stuks output, 83 euro, 84 stuks inspanning, 01 minuut).';
COMMENT ON COLUMN service.frequency_code IS 'Usual frequentie (1 per dag, 2 per week, 4 per maand, 6 totaal binnen geldigheidsduur).';
COMMENT ON COLUMN service.funding_variant IS 'Usual uitvoeringsvariant: inspanningsgericht (price x quantity), outputgericht (price per trajectory), taakgericht (lump sum per period).';
COMMENT ON COLUMN service.target_group IS 'Who the service is for, in plain words.';
SELECT grip_tenant_isolation('service');

CREATE TABLE service_tariff (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL,
  valid_from date NOT NULL,
  valid_until date,
  tariff_cents bigint NOT NULL CHECK (tariff_cents >= 0),
  unit_code text NOT NULL CHECK (unit_code ~ '^[0-9]{2}$'),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, service_id, valid_from),
  FOREIGN KEY (municipality_code, service_id) REFERENCES service (municipality_code, id),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
COMMENT ON TABLE service_tariff IS 'Reference tariff of a service in a period (the municipality''s standard price; contracts may differ).';
COMMENT ON COLUMN service_tariff.tariff_cents IS 'Price per unit in eurocent.';
SELECT grip_tenant_isolation('service_tariff');

CREATE TABLE service_location (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL,
  provider_id uuid,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  buurt_code text NOT NULL,
  street_address text CHECK (length(street_address) <= 200),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  capacity integer CHECK (capacity >= 0),
  capacity_unit text CHECK (capacity_unit IN ('plaatsen', 'clienten-per-week', 'uren-per-week', 'dagdelen-per-week')),
  opening_hours text CHECK (length(opening_hours) <= 200),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, service_id) REFERENCES service (municipality_code, id),
  FOREIGN KEY (municipality_code, provider_id) REFERENCES provider (municipality_code, id),
  FOREIGN KEY (municipality_code, buurt_code) REFERENCES buurt (municipality_code, code),
  CHECK ((capacity IS NULL) = (capacity_unit IS NULL))
);
COMMENT ON TABLE service_location IS 'Where a service is offered (for algemene voorzieningen: the place residents can walk into), with capacity.';
COMMENT ON COLUMN service_location.buurt_code IS 'Buurt of the location; its wijk follows from the buurt.';
COMMENT ON COLUMN service_location.capacity IS 'How much the location can take, in capacity_unit.';
SELECT grip_tenant_isolation('service_location');

CREATE TABLE contract (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  provider_id uuid NOT NULL,
  reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 60),
  lot text NOT NULL CHECK (length(lot) BETWEEN 1 AND 200),
  funding_variant text NOT NULL CHECK (funding_variant IN ('inspanningsgericht', 'outputgericht', 'taakgericht')),
  valid_from date NOT NULL,
  valid_until date,
  region_code text REFERENCES region (code),
  lump_sum_cents_per_month bigint CHECK (lump_sum_cents_per_month >= 0),
  status text NOT NULL DEFAULT 'actief' CHECK (status IN ('in-voorbereiding', 'actief', 'opgeschort', 'beeindigd')),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, reference),
  FOREIGN KEY (municipality_code, provider_id) REFERENCES provider (municipality_code, id),
  CHECK (valid_until IS NULL OR valid_until >= valid_from),
  CHECK ((funding_variant = 'taakgericht') = (lump_sum_cents_per_month IS NOT NULL))
);
COMMENT ON TABLE contract IS 'Overeenkomst with a provider for a lot (perceel), with its funding variant and period.';
COMMENT ON COLUMN contract.lot IS 'Perceel of the procurement the contract belongs to.';
COMMENT ON COLUMN contract.funding_variant IS 'inspanningsgericht: price x quantity; outputgericht: price per trajectory or result; taakgericht: lump sum per period.';
COMMENT ON COLUMN contract.region_code IS 'Region that procured the contract jointly, if any.';
COMMENT ON COLUMN contract.lump_sum_cents_per_month IS 'Taakgericht only: the lump sum per month in eurocent.';
CREATE INDEX contract_provider ON contract (municipality_code, provider_id);
SELECT grip_tenant_isolation('contract');

CREATE TABLE contract_product (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  contract_id uuid NOT NULL,
  service_id uuid NOT NULL,
  valid_from date NOT NULL,
  valid_until date,
  tariff_cents bigint NOT NULL CHECK (tariff_cents >= 0),
  unit_code text NOT NULL CHECK (unit_code ~ '^[0-9]{2}$'),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, contract_id, service_id, valid_from),
  FOREIGN KEY (municipality_code, contract_id) REFERENCES contract (municipality_code, id),
  FOREIGN KEY (municipality_code, service_id) REFERENCES service (municipality_code, id),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
COMMENT ON TABLE contract_product IS 'A product (service) in a contract with its contracted tariff for a period.';
COMMENT ON COLUMN contract_product.tariff_cents IS 'Contracted price per unit (or per trajectory for outputgericht) in eurocent.';
SELECT grip_tenant_isolation('contract_product');

CREATE TABLE quality_check (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  provider_id uuid NOT NULL,
  phase text NOT NULL CHECK (phase IN ('voor-contractering', 'tijdens-contract')),
  item text NOT NULL CHECK (item IN (
    'kvk-uittreksel', 'vog-bestuurders', 'verklaring-belastingdienst', 'jaarrekening', 'kwaliteitskeurmerk',
    'meldcode-huiselijk-geweld', 'klachtenregeling', 'referenties', 'audit', 'steekproef-dossiers', 'clientervaring')),
  outcome text NOT NULL CHECK (outcome IN ('voldaan', 'niet-voldaan', 'niet-van-toepassing', 'open')),
  checked_on date NOT NULL,
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, provider_id) REFERENCES provider (municipality_code, id)
);
COMMENT ON TABLE quality_check IS 'A quality check of a provider before contracting (barrièremodel) or during the contract (audits, samples).';
SELECT grip_tenant_isolation('quality_check');

CREATE TABLE provider_incident (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  provider_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('calamiteit', 'incident', 'klacht', 'auditbevinding')),
  occurred_on date NOT NULL,
  reported_on date NOT NULL,
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
  status text NOT NULL CHECK (status IN ('gemeld', 'in-onderzoek', 'afgehandeld')),
  closed_on date,
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, provider_id) REFERENCES provider (municipality_code, id),
  CHECK (reported_on >= occurred_on),
  CHECK (closed_on IS NULL OR closed_on >= reported_on)
);
COMMENT ON TABLE provider_incident IS 'Incident, calamity, complaint or audit finding about a provider, and its follow-up.';
COMMENT ON COLUMN provider_incident.summary IS 'What happened, without personal data of clients.';
SELECT grip_tenant_isolation('provider_incident');

CREATE TABLE fraud_suspicion (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  provider_id uuid NOT NULL,
  reported_on date NOT NULL,
  source text NOT NULL CHECK (source IN ('declaratiecontrole', 'melding-client', 'melding-medewerker', 'signaal-ketenpartner', 'audit')),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
  status text NOT NULL CHECK (status IN ('gemeld', 'in-onderzoek', 'maatregel', 'ongegrond', 'afgesloten')),
  follow_up text NOT NULL DEFAULT '' CHECK (length(follow_up) <= 2000),
  closed_on date,
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, provider_id) REFERENCES provider (municipality_code, id),
  CHECK (closed_on IS NULL OR closed_on >= reported_on)
);
COMMENT ON TABLE fraud_suspicion IS 'Register of suspicions of fraud or improper use by a provider, with follow-up.';
SELECT grip_tenant_isolation('fraud_suspicion');
