-- Residents: addresses, households, household membership, relations and consent. The person table came
-- with the foundation; it gains sex, date of death and the contact details the intake needs.

ALTER TABLE person
  ADD COLUMN sex text NOT NULL DEFAULT '0' CHECK (sex IN ('0', '1', '2')),
  ADD COLUMN death_date date,
  ADD COLUMN phone text CHECK (phone ~ '^[0-9+ ()-]{6,20}$'),
  ADD COLUMN email text CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
  ADD CONSTRAINT person_death_after_birth CHECK (death_date IS NULL OR death_date >= birth_date);
COMMENT ON COLUMN person.sex IS 'Geslacht as in the iWmo/iJw code list: 0 onbekend, 1 man, 2 vrouw.';
COMMENT ON COLUMN person.death_date IS 'Date of death when known (ends support, code 02 in iWmo/iJw).';
COMMENT ON COLUMN person.phone IS 'Phone number the resident gave for contact.';
COMMENT ON COLUMN person.email IS 'E-mail address the resident gave for contact.';

CREATE TABLE address (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  street text NOT NULL CHECK (length(street) BETWEEN 1 AND 200),
  house_number integer NOT NULL CHECK (house_number BETWEEN 1 AND 99999),
  house_letter text CHECK (house_letter ~ '^[A-Za-z]$'),
  house_number_addition text CHECK (length(house_number_addition) BETWEEN 1 AND 4),
  postcode text NOT NULL CHECK (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
  city text NOT NULL CHECK (length(city) BETWEEN 1 AND 80),
  buurt_code text NOT NULL,
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, buurt_code) REFERENCES buurt (municipality_code, code)
);
CREATE UNIQUE INDEX address_unique ON address
  (municipality_code, postcode, house_number, coalesce(house_letter, ''), coalesce(house_number_addition, ''));
COMMENT ON TABLE address IS 'Woonadres (as in the BAG): where a household lives; determines its buurt and wijk.';
COMMENT ON COLUMN address.postcode IS 'Dutch postcode without space, e.g. 7551AB.';
COMMENT ON COLUMN address.buurt_code IS 'Buurt the address lies in; drives every figure by wijk and buurt.';
COMMENT ON COLUMN address.longitude IS 'WGS84 longitude for maps (approximate for synthetic addresses).';
COMMENT ON COLUMN address.latitude IS 'WGS84 latitude for maps (approximate for synthetic addresses).';
SELECT grip_tenant_isolation('address');

CREATE TABLE household (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  address_id uuid NOT NULL,
  formed_on date NOT NULL,
  dissolved_on date,
  is_synthetic boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, address_id) REFERENCES address (municipality_code, id),
  CHECK (dissolved_on IS NULL OR dissolved_on >= formed_on)
);
COMMENT ON TABLE household IS 'Huishouden: the people who live together at an address; one plan per household.';
COMMENT ON COLUMN household.formed_on IS 'Date from which the household is known at this address.';
COMMENT ON COLUMN household.dissolved_on IS 'Date the household ended (moved away, split, deceased).';
COMMENT ON COLUMN household.is_synthetic IS 'True for generated demo households.';
CREATE INDEX household_address ON household (municipality_code, address_id);
SELECT grip_tenant_isolation('household');

CREATE TABLE household_member (
  municipality_code text NOT NULL,
  household_id uuid NOT NULL,
  person_id uuid NOT NULL,
  member_role text NOT NULL CHECK (member_role IN ('hoofdbewoner', 'partner', 'kind', 'overig')),
  valid_from date NOT NULL,
  valid_until date,
  PRIMARY KEY (municipality_code, household_id, person_id, valid_from),
  FOREIGN KEY (municipality_code, household_id) REFERENCES household (municipality_code, id),
  FOREIGN KEY (municipality_code, person_id) REFERENCES person (municipality_code, id),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
COMMENT ON TABLE household_member IS 'Membership of a person in a household over a period.';
COMMENT ON COLUMN household_member.member_role IS 'Position in the household: hoofdbewoner, partner, kind or overig.';
CREATE INDEX household_member_person ON household_member (municipality_code, person_id);
SELECT grip_tenant_isolation('household_member');

CREATE TABLE person_relation (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  related_person_id uuid,
  related_name text CHECK (length(related_name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN (
    'partner', 'ouder', 'kind', 'mantelzorger', 'netwerk', 'wettelijk-vertegenwoordiger', 'gezaghebbende')),
  valid_from date,
  valid_until date,
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, person_id) REFERENCES person (municipality_code, id),
  FOREIGN KEY (municipality_code, related_person_id) REFERENCES person (municipality_code, id),
  CHECK ((related_person_id IS NULL) <> (related_name IS NULL)),
  CHECK (related_person_id IS DISTINCT FROM person_id),
  CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
);
COMMENT ON TABLE person_relation IS 'Relatie: partner, parent, child, mantelzorger, network or legal representative of a person.';
COMMENT ON COLUMN person_relation.related_person_id IS 'The related person when registered in Grip.';
COMMENT ON COLUMN person_relation.related_name IS 'Name of a network member who is not registered (no personal data beyond the name).';
CREATE INDEX person_relation_person ON person_relation (municipality_code, person_id);
SELECT grip_tenant_isolation('person_relation');

CREATE TABLE consent (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN (
    'gegevens-delen-met-betrokken-professionals', 'huisarts-informeren', 'school-informeren',
    'contact-met-netwerk', 'clientervaringsonderzoek')),
  given_on date NOT NULL,
  withdrawn_on date,
  recorded_by uuid,
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, person_id) REFERENCES person (municipality_code, id),
  FOREIGN KEY (municipality_code, recorded_by) REFERENCES app_user (municipality_code, id),
  CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
);
COMMENT ON TABLE consent IS 'Toestemming a resident gave for a named purpose, and its withdrawal.';
COMMENT ON COLUMN consent.purpose IS 'What the consent allows; consent never replaces a legal ground, it records the resident''s wish.';
COMMENT ON COLUMN consent.recorded_by IS 'Employee who recorded it (NULL when the resident gave it in the portal).';
CREATE INDEX consent_person ON consent (municipality_code, person_id);
SELECT grip_tenant_isolation('consent');
