-- Working with the plan: goals and actions keep the order they were written in, an action can be
-- marked as being worked on, the start measurement of the life-domain scores can be recorded on the plan
-- itself (an evaluation of kind 'start'), and the resident's answer to a version carries who recorded it
-- and an optional note.

ALTER TABLE plan_goal
  ADD COLUMN position integer NOT NULL DEFAULT 0 CHECK (position >= 0),
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
COMMENT ON COLUMN plan_goal.position IS 'Place of the goal in the plan (0 first), as the professional and resident ordered them.';
COMMENT ON COLUMN plan_goal.created_at IS 'When the goal was added to the plan.';
COMMENT ON COLUMN plan_goal.updated_at IS 'When the goal last changed.';

ALTER TABLE plan_action
  ADD COLUMN position integer NOT NULL DEFAULT 0 CHECK (position >= 0),
  ADD COLUMN status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'bezig', 'gedaan', 'vervallen')),
  ADD CONSTRAINT plan_action_done CHECK ((status = 'gedaan') = (done_on IS NOT NULL));
COMMENT ON COLUMN plan_action.position IS 'Place of the action under its goal (0 first).';
COMMENT ON COLUMN plan_action.status IS 'open, bezig (being worked on), gedaan (done, with done_on) or vervallen (no longer needed).';
CREATE INDEX plan_action_goal ON plan_action (municipality_code, goal_id);

-- A start measurement on the plan is held at once and has no outcome; an evaluation has an outcome
-- exactly when it was held.
ALTER TABLE plan_evaluation
  ADD COLUMN kind text NOT NULL DEFAULT 'evaluatie' CHECK (kind IN ('start', 'evaluatie')),
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN created_by uuid,
  ADD CONSTRAINT plan_evaluation_created_by FOREIGN KEY (municipality_code, created_by) REFERENCES app_user (municipality_code, id);
ALTER TABLE plan_evaluation DROP CONSTRAINT plan_evaluation_check;
ALTER TABLE plan_evaluation ADD CONSTRAINT plan_evaluation_held_outcome CHECK (
  CASE WHEN kind = 'start' THEN held_on IS NOT NULL AND outcome IS NULL AND satisfaction IS NULL
  ELSE (held_on IS NULL) = (outcome IS NULL) END);
COMMENT ON COLUMN plan_evaluation.kind IS 'start (the start measurement of the scores, when the intake gave none) or evaluatie (a planned evaluation).';
COMMENT ON COLUMN plan_evaluation.created_at IS 'When the evaluation was planned or the start measurement recorded.';
COMMENT ON COLUMN plan_evaluation.created_by IS 'Employee who planned the evaluation or recorded the start measurement.';

ALTER TABLE plan_version
  ADD COLUMN agreement_recorded_by uuid,
  ADD COLUMN agreement_note text CHECK (length(agreement_note) BETWEEN 1 AND 2000),
  ADD CONSTRAINT plan_version_agreement_recorded_by FOREIGN KEY (municipality_code, agreement_recorded_by) REFERENCES app_user (municipality_code, id),
  ADD CONSTRAINT plan_version_agreement_note CHECK (agreement <> 'open' OR (agreement_note IS NULL AND agreement_recorded_by IS NULL));
COMMENT ON COLUMN plan_version.agreement_recorded_by IS 'Who recorded the resident''s answer: the professional who heard it in person, or the resident''s own account in the portal.';
COMMENT ON COLUMN plan_version.agreement_note IS 'What the resident said with their answer (optional).';
