-- Who may open a household's plan: the professionals involved in it, the lead of the team that directs
-- it, and — only with a written reason, logged and shown to the privacy officer — anyone who breaks the
-- glass in an emergency.

ALTER TABLE team
  ADD COLUMN lead_user_id uuid,
  ADD CONSTRAINT team_lead FOREIGN KEY (municipality_code, lead_user_id) REFERENCES app_user (municipality_code, id);
COMMENT ON COLUMN team.lead_user_id IS 'Teamleider: may open the plans the team directs, without being involved in them.';

ALTER TABLE household_plan
  ADD COLUMN team_id uuid,
  ADD COLUMN updated_at timestamptz,
  ADD COLUMN updated_by uuid,
  ADD CONSTRAINT household_plan_team FOREIGN KEY (municipality_code, team_id) REFERENCES team (municipality_code, id),
  ADD CONSTRAINT household_plan_updated_by FOREIGN KEY (municipality_code, updated_by) REFERENCES app_user (municipality_code, id);
CREATE INDEX household_plan_regisseur ON household_plan (municipality_code, regisseur_user_id);
COMMENT ON COLUMN household_plan.team_id IS 'Team that directs the plan (the regisseur''s team); its lead may open the plan.';
COMMENT ON COLUMN household_plan.updated_at IS 'When the plan last changed (a new version).';
COMMENT ON COLUMN household_plan.updated_by IS 'Who last changed the plan.';

CREATE TABLE plan_access_override (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  user_id uuid NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 20 AND 2000),
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  reviewed_at timestamptz,
  reviewed_by uuid,
  review_note text CHECK (length(review_note) <= 2000),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, plan_id) REFERENCES household_plan (municipality_code, id),
  FOREIGN KEY (municipality_code, user_id) REFERENCES app_user (municipality_code, id),
  FOREIGN KEY (municipality_code, reviewed_by) REFERENCES app_user (municipality_code, id),
  CHECK (expires_at > granted_at),
  CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL))
);
COMMENT ON TABLE plan_access_override IS 'Break the glass: a professional not involved in a household opened its plan in an emergency, with a written reason; every one is shown to the privacy officer.';
COMMENT ON COLUMN plan_access_override.municipality_code IS 'Municipality the plan belongs to.';
COMMENT ON COLUMN plan_access_override.id IS 'Identifier (uuid), unique within the municipality.';
COMMENT ON COLUMN plan_access_override.plan_id IS 'The plan that was opened.';
COMMENT ON COLUMN plan_access_override.user_id IS 'Who broke the glass.';
COMMENT ON COLUMN plan_access_override.reason IS 'Why, in their own words (at least 20 characters).';
COMMENT ON COLUMN plan_access_override.granted_at IS 'When the glass was broken.';
COMMENT ON COLUMN plan_access_override.expires_at IS 'Until when the access lasts (8 hours: a working day).';
COMMENT ON COLUMN plan_access_override.reviewed_at IS 'When the privacy officer reviewed it.';
COMMENT ON COLUMN plan_access_override.reviewed_by IS 'The privacy officer who reviewed it.';
COMMENT ON COLUMN plan_access_override.review_note IS 'The privacy officer''s finding.';
CREATE INDEX plan_access_override_user ON plan_access_override (municipality_code, plan_id, user_id, expires_at);
CREATE INDEX plan_access_override_review ON plan_access_override (municipality_code, reviewed_at, granted_at);
SELECT grip_tenant_isolation('plan_access_override');
