-- Plans: one plan per household across all laws, with participants, the regisseur and involved
-- professionals, goals in the resident's words, actions, linked services, evaluations and versions.

CREATE TABLE household_plan (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('concept', 'actief', 'afgesloten')),
  regisseur_user_id uuid,
  contact_person_id uuid,
  opened_on date NOT NULL,
  closed_on date,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, household_id) REFERENCES household (municipality_code, id),
  FOREIGN KEY (municipality_code, regisseur_user_id) REFERENCES app_user (municipality_code, id),
  FOREIGN KEY (municipality_code, contact_person_id) REFERENCES person (municipality_code, id),
  CHECK ((status = 'afgesloten') = (closed_on IS NOT NULL)),
  CHECK (closed_on IS NULL OR closed_on >= opened_on)
);
CREATE UNIQUE INDEX household_plan_one_open ON household_plan (municipality_code, household_id)
  WHERE status <> 'afgesloten';
COMMENT ON TABLE household_plan IS 'Gezinsplan / huishoudplan: the one plan of a household across all laws, directed by one regisseur.';
COMMENT ON COLUMN household_plan.regisseur_user_id IS 'The professional who directs the plan (regisseur).';
COMMENT ON COLUMN household_plan.contact_person_id IS 'The household member who is the contact person for the plan.';
COMMENT ON COLUMN household_plan.version IS 'Current version number; every change adds a plan_version row.';
SELECT grip_tenant_isolation('household_plan');

CREATE TABLE plan_participant (
  municipality_code text NOT NULL,
  plan_id uuid NOT NULL,
  person_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('hoofdbewoner', 'partner', 'kind', 'overig')),
  PRIMARY KEY (municipality_code, plan_id, person_id),
  FOREIGN KEY (municipality_code, plan_id) REFERENCES household_plan (municipality_code, id),
  FOREIGN KEY (municipality_code, person_id) REFERENCES person (municipality_code, id)
);
COMMENT ON TABLE plan_participant IS 'A household member taking part in the plan.';
SELECT grip_tenant_isolation('plan_participant');

CREATE TABLE plan_professional (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  user_id uuid,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  organisation text NOT NULL CHECK (length(organisation) BETWEEN 1 AND 200),
  expertise text NOT NULL CHECK (length(expertise) BETWEEN 1 AND 200),
  involved_from date NOT NULL,
  involved_until date,
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, plan_id) REFERENCES household_plan (municipality_code, id),
  FOREIGN KEY (municipality_code, user_id) REFERENCES app_user (municipality_code, id),
  CHECK (involved_until IS NULL OR involved_until >= involved_from)
);
COMMENT ON TABLE plan_professional IS 'A professional involved in the household (from any organisation), with their expertise; only involved professionals may open the plan.';
COMMENT ON COLUMN plan_professional.user_id IS 'Grip account of the professional, when they have one.';
CREATE INDEX plan_professional_user ON plan_professional (municipality_code, user_id);
SELECT grip_tenant_isolation('plan_professional');

CREATE TABLE plan_goal (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  life_domain_code text REFERENCES life_domain (code),
  owner_kind text NOT NULL CHECK (owner_kind IN ('inwoner', 'netwerk', 'professional')),
  owner_person_id uuid,
  owner_professional_id uuid,
  target_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'behaald', 'deels-behaald', 'niet-behaald', 'vervallen')),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, plan_id) REFERENCES household_plan (municipality_code, id),
  FOREIGN KEY (municipality_code, owner_person_id) REFERENCES person (municipality_code, id),
  FOREIGN KEY (municipality_code, owner_professional_id) REFERENCES plan_professional (municipality_code, id),
  CHECK (owner_kind <> 'professional' OR owner_professional_id IS NOT NULL)
);
COMMENT ON TABLE plan_goal IS 'Gewenst resultaat: a desired result in the resident''s own words, with owner and target date.';
COMMENT ON COLUMN plan_goal.owner_kind IS 'Who works on it: the resident, their network, or a professional.';
CREATE INDEX plan_goal_plan ON plan_goal (municipality_code, plan_id);
SELECT grip_tenant_isolation('plan_goal');

CREATE TABLE plan_action (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  goal_id uuid NOT NULL,
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  owner_kind text NOT NULL CHECK (owner_kind IN ('inwoner', 'netwerk', 'professional')),
  due_on date,
  done_on date,
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, goal_id) REFERENCES plan_goal (municipality_code, id)
);
COMMENT ON TABLE plan_action IS 'Afspraak: an action agreed towards a goal.';
SELECT grip_tenant_isolation('plan_action');

CREATE TABLE plan_goal_service (
  municipality_code text NOT NULL,
  goal_id uuid NOT NULL,
  service_id uuid NOT NULL,
  toewijzing_id uuid,
  PRIMARY KEY (municipality_code, goal_id, service_id),
  FOREIGN KEY (municipality_code, goal_id) REFERENCES plan_goal (municipality_code, id),
  FOREIGN KEY (municipality_code, service_id) REFERENCES service (municipality_code, id),
  FOREIGN KEY (municipality_code, toewijzing_id) REFERENCES toewijzing (municipality_code, id)
);
COMMENT ON TABLE plan_goal_service IS 'A service (algemene voorziening or maatwerk, with its allocation when granted) that serves a goal.';
SELECT grip_tenant_isolation('plan_goal_service');

CREATE TABLE plan_evaluation (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  planned_on date NOT NULL,
  held_on date,
  outcome text CHECK (outcome IN ('doelen-behaald', 'doelen-deels-behaald', 'bijstellen', 'afsluiten')),
  satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 10),
  notes text CHECK (length(notes) <= 4000),
  conducted_by uuid,
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, plan_id) REFERENCES household_plan (municipality_code, id),
  FOREIGN KEY (municipality_code, conducted_by) REFERENCES app_user (municipality_code, id),
  CHECK ((held_on IS NULL) = (outcome IS NULL))
);
COMMENT ON TABLE plan_evaluation IS 'Evaluation of the plan: planned date, held date, outcome and the resident''s satisfaction.';
COMMENT ON COLUMN plan_evaluation.satisfaction IS 'Client satisfaction (rapportcijfer 1-10) given at the evaluation.';
CREATE INDEX plan_evaluation_plan ON plan_evaluation (municipality_code, plan_id);
SELECT grip_tenant_isolation('plan_evaluation');

ALTER TABLE life_domain_score ADD CONSTRAINT life_domain_score_plan_evaluation
  FOREIGN KEY (municipality_code, plan_evaluation_id) REFERENCES plan_evaluation (municipality_code, id);

CREATE TABLE plan_version (
  municipality_code text NOT NULL,
  plan_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  created_by uuid,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  snapshot jsonb NOT NULL CHECK (jsonb_typeof(snapshot) = 'object'),
  agreement text NOT NULL CHECK (agreement IN ('open', 'akkoord', 'niet-akkoord')),
  agreement_recorded_at timestamptz,
  PRIMARY KEY (municipality_code, plan_id, version),
  FOREIGN KEY (municipality_code, plan_id) REFERENCES household_plan (municipality_code, id),
  FOREIGN KEY (municipality_code, created_by) REFERENCES app_user (municipality_code, id),
  CHECK ((agreement = 'open') = (agreement_recorded_at IS NULL))
);
COMMENT ON TABLE plan_version IS 'Every change of a plan as a new version: who, when, why, the full content, and the resident''s agreement.';
COMMENT ON COLUMN plan_version.snapshot IS 'The plan as it was in this version (goals, actions, services, participants).';
COMMENT ON COLUMN plan_version.agreement IS 'The resident''s agreement with this version: open, akkoord or niet-akkoord.';
SELECT grip_tenant_isolation('plan_version');
