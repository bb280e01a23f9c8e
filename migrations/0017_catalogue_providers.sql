-- Catalogue maintenance, providers and contracts (issue 6, points 1–2): versions for optimistic
-- concurrency on what a functioneel beheerder or contract manager changes, the remaining items of the
-- barrièremodel checklist, who recorded a check, and the follow-up of incidents and fraud suspicions.

ALTER TABLE service
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  ADD COLUMN updated_at timestamptz;
COMMENT ON COLUMN service.version IS 'Version for optimistic concurrency (ETag / If-Match).';
COMMENT ON COLUMN service.updated_at IS 'When the service was last changed through the API.';

ALTER TABLE service_tariff
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
COMMENT ON COLUMN service_tariff.version IS 'Version for optimistic concurrency (ETag / If-Match).';

ALTER TABLE service_location
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
COMMENT ON COLUMN service_location.version IS 'Version for optimistic concurrency (ETag / If-Match).';
CREATE INDEX service_location_service ON service_location (municipality_code, service_id);

ALTER TABLE provider
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  ADD COLUMN updated_at timestamptz;
COMMENT ON COLUMN provider.version IS 'Version for optimistic concurrency (ETag / If-Match).';
COMMENT ON COLUMN provider.updated_at IS 'When the provider was last changed through the API.';

ALTER TABLE contract
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  ADD COLUMN status_changed_at timestamptz,
  ADD COLUMN status_changed_by uuid,
  ADD CONSTRAINT contract_status_changed_by FOREIGN KEY (municipality_code, status_changed_by) REFERENCES app_user (municipality_code, id);
COMMENT ON COLUMN contract.version IS 'Version for optimistic concurrency (ETag / If-Match).';
COMMENT ON COLUMN contract.status_changed_at IS 'When the status last changed through the API.';
COMMENT ON COLUMN contract.status_changed_by IS 'Who last changed the status.';

ALTER TABLE contract_product
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
COMMENT ON COLUMN contract_product.version IS 'Version for optimistic concurrency (ETag / If-Match).';
CREATE INDEX contract_product_service ON contract_product (municipality_code, service_id);

-- The barrièremodel checklist: ownership (UBO register) and registration of professionals (SKJ/BIG,
-- required where Jeugdwet products are contracted) join the items of migration 0005.
ALTER TABLE quality_check DROP CONSTRAINT quality_check_item_check;
ALTER TABLE quality_check
  ADD CONSTRAINT quality_check_item_check CHECK (item IN (
    'kvk-uittreksel', 'vog-bestuurders', 'ubo-eigendom', 'verklaring-belastingdienst', 'jaarrekening',
    'kwaliteitskeurmerk', 'meldcode-huiselijk-geweld', 'klachtenregeling', 'skj-big-registratie', 'referenties',
    'audit', 'steekproef-dossiers', 'clientervaring')),
  ADD COLUMN recorded_by uuid,
  ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT quality_check_recorded_by FOREIGN KEY (municipality_code, recorded_by) REFERENCES app_user (municipality_code, id);
COMMENT ON COLUMN quality_check.recorded_by IS 'Who recorded the check (empty for generated or imported checks).';
COMMENT ON COLUMN quality_check.recorded_at IS 'When the check was recorded; of two checks of an item on the same day, the later one counts.';
CREATE INDEX quality_check_provider ON quality_check (municipality_code, provider_id, item);

ALTER TABLE provider_incident
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  ADD COLUMN reported_by uuid,
  ADD CONSTRAINT provider_incident_reported_by FOREIGN KEY (municipality_code, reported_by) REFERENCES app_user (municipality_code, id);
COMMENT ON COLUMN provider_incident.version IS 'Version for optimistic concurrency (ETag / If-Match).';
COMMENT ON COLUMN provider_incident.reported_by IS 'Who registered the incident (empty for generated ones).';
CREATE INDEX provider_incident_provider ON provider_incident (municipality_code, provider_id);

ALTER TABLE fraud_suspicion
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  ADD COLUMN reported_by uuid,
  ADD CONSTRAINT fraud_suspicion_reported_by FOREIGN KEY (municipality_code, reported_by) REFERENCES app_user (municipality_code, id);
COMMENT ON COLUMN fraud_suspicion.version IS 'Version for optimistic concurrency (ETag / If-Match).';
COMMENT ON COLUMN fraud_suspicion.reported_by IS 'Who reported the suspicion (empty for generated ones).';
CREATE INDEX fraud_suspicion_provider ON fraud_suspicion (municipality_code, provider_id);

CREATE TABLE provider_incident_action (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL,
  action_date date NOT NULL,
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  status_after text NOT NULL CHECK (status_after IN ('gemeld', 'in-onderzoek', 'afgehandeld')),
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, incident_id) REFERENCES provider_incident (municipality_code, id),
  FOREIGN KEY (municipality_code, recorded_by) REFERENCES app_user (municipality_code, id)
);
COMMENT ON TABLE provider_incident_action IS 'Follow-up of an incident, calamity, complaint or audit finding: what was done, when, by whom.';
COMMENT ON COLUMN provider_incident_action.municipality_code IS 'Municipality the incident belongs to.';
COMMENT ON COLUMN provider_incident_action.id IS 'Identifier of the follow-up action.';
COMMENT ON COLUMN provider_incident_action.incident_id IS 'The incident followed up.';
COMMENT ON COLUMN provider_incident_action.action_date IS 'When the action was taken.';
COMMENT ON COLUMN provider_incident_action.description IS 'What was done (talk with the provider, improvement plan, re-audit ...), without client data.';
COMMENT ON COLUMN provider_incident_action.status_after IS 'Status of the incident after this action.';
COMMENT ON COLUMN provider_incident_action.recorded_by IS 'Who recorded the action.';
COMMENT ON COLUMN provider_incident_action.recorded_at IS 'When the action was recorded.';
CREATE INDEX provider_incident_action_incident ON provider_incident_action (municipality_code, incident_id);
SELECT grip_tenant_isolation('provider_incident_action');

CREATE TABLE fraud_suspicion_action (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  suspicion_id uuid NOT NULL,
  action_date date NOT NULL,
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  status_after text NOT NULL CHECK (status_after IN ('gemeld', 'in-onderzoek', 'maatregel', 'ongegrond', 'afgesloten')),
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, suspicion_id) REFERENCES fraud_suspicion (municipality_code, id),
  FOREIGN KEY (municipality_code, recorded_by) REFERENCES app_user (municipality_code, id)
);
COMMENT ON TABLE fraud_suspicion_action IS 'Follow-up of a suspicion of fraud: investigation steps and measures, when and by whom.';
COMMENT ON COLUMN fraud_suspicion_action.municipality_code IS 'Municipality the suspicion belongs to.';
COMMENT ON COLUMN fraud_suspicion_action.id IS 'Identifier of the follow-up action.';
COMMENT ON COLUMN fraud_suspicion_action.suspicion_id IS 'The suspicion followed up.';
COMMENT ON COLUMN fraud_suspicion_action.action_date IS 'When the action was taken.';
COMMENT ON COLUMN fraud_suspicion_action.description IS 'What was done (file review, interview, recovery, report to the police or the IGJ ...).';
COMMENT ON COLUMN fraud_suspicion_action.status_after IS 'Status of the suspicion after this action.';
COMMENT ON COLUMN fraud_suspicion_action.recorded_by IS 'Who recorded the action.';
COMMENT ON COLUMN fraud_suspicion_action.recorded_at IS 'When the action was recorded.';
CREATE INDEX fraud_suspicion_action_suspicion ON fraud_suspicion_action (municipality_code, suspicion_id);
SELECT grip_tenant_isolation('fraud_suspicion_action');
