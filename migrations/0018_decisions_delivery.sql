-- Decisions, allocations, delivery and declarations (issue 6, points 3-6): provider staff are linked to
-- their provider, declaration lines keep the provider's reference, and every change of an allocation is
-- kept with its reason code.

ALTER TABLE app_user ADD COLUMN provider_id uuid;
ALTER TABLE app_user ADD CONSTRAINT app_user_provider_fkey
  FOREIGN KEY (municipality_code, provider_id) REFERENCES provider (municipality_code, id);
COMMENT ON COLUMN app_user.provider_id IS 'For provider staff (role aanbieder): the provider whose allocations and declarations they see; NULL for everyone else.';

ALTER TABLE declaration_line ADD COLUMN reference text
  CHECK (reference IS NULL OR length(reference) BETWEEN 1 AND 20);
COMMENT ON COLUMN declaration_line.reference IS 'ReferentieNummer of the prestatie given by the provider, when the declaration carries one.';

CREATE TABLE toewijzing_change (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  toewijzing_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('gewijzigd', 'beeindigd', 'ingetrokken')),
  reason_code text NOT NULL CHECK (reason_code ~ '^[0-9]{2}$'),
  previous_end_date date,
  previous_volume integer,
  previous_budget_cents bigint,
  changed_by uuid,
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, toewijzing_id) REFERENCES toewijzing (municipality_code, id),
  FOREIGN KEY (municipality_code, changed_by) REFERENCES app_user (municipality_code, id)
);
COMMENT ON TABLE toewijzing_change IS 'History of an allocation: each change, end or withdrawal with its reason code from the iWmo/iJw lists.';
COMMENT ON COLUMN toewijzing_change.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN toewijzing_change.id IS 'Identifier of the change.';
COMMENT ON COLUMN toewijzing_change.toewijzing_id IS 'The allocation that changed.';
COMMENT ON COLUMN toewijzing_change.kind IS 'gewijzigd (RedenWijziging), beeindigd (RedenBeeindiging) or ingetrokken (RedenWijziging 13, Verwijderd).';
COMMENT ON COLUMN toewijzing_change.reason_code IS 'RedenWijziging or RedenBeeindiging code (istandaard_code lists).';
COMMENT ON COLUMN toewijzing_change.previous_end_date IS 'End date of the allocation before the change.';
COMMENT ON COLUMN toewijzing_change.previous_volume IS 'Volume of the allocation before the change.';
COMMENT ON COLUMN toewijzing_change.previous_budget_cents IS 'Budget in eurocent before the change.';
COMMENT ON COLUMN toewijzing_change.changed_by IS 'The user who made the change.';
COMMENT ON COLUMN toewijzing_change.changed_at IS 'When the change was made.';
CREATE INDEX toewijzing_change_toewijzing ON toewijzing_change (municipality_code, toewijzing_id);
SELECT grip_tenant_isolation('toewijzing_change');

ALTER TABLE municipality ADD COLUMN small_count_threshold smallint NOT NULL DEFAULT 10
  CHECK (small_count_threshold BETWEEN 10 AND 1000);
COMMENT ON COLUMN municipality.small_count_threshold IS 'Cells of published figures counting fewer clients than this are suppressed (at least 10, the default).';
