-- Steering workflow (issue 7): IST/SOLL on societal goals, indicators without a unit yet (a proposal such
-- as Hengelo's appendix IV) and four-yearly measurements, programme-level budget lines (published totals
-- and lines by taakveld) and the import batches that budget lines and reserve mutations came from.

ALTER TABLE societal_goal
  ADD COLUMN current_situation text NOT NULL DEFAULT '' CHECK (length(current_situation) <= 8000),
  ADD COLUMN desired_situation text NOT NULL DEFAULT '' CHECK (length(desired_situation) <= 8000);
COMMENT ON COLUMN societal_goal.current_situation IS 'IST: where we stood at the start (facts and figures, with their source).';
COMMENT ON COLUMN societal_goal.desired_situation IS 'SOLL: where we want to go.';

-- A proposed indicator may have no unit yet; a target needs one (checked by the API).
ALTER TABLE indicator ALTER COLUMN unit DROP NOT NULL;
ALTER TABLE indicator DROP CONSTRAINT indicator_frequency_check;
ALTER TABLE indicator ADD CONSTRAINT indicator_frequency_check
  CHECK (frequency IN ('maand', 'kwartaal', 'jaar', 'tweejaarlijks', 'vierjaarlijks'));
ALTER TABLE indicator
  ADD COLUMN note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  ADD CONSTRAINT indicator_percentage_baseline CHECK (unit IS DISTINCT FROM 'percentage' OR baseline_value BETWEEN 0 AND 100);
COMMENT ON COLUMN indicator.note IS 'Remarks with the figures (e.g. how a baseline was measured, a planned zero measurement).';
COMMENT ON COLUMN indicator.unit IS 'percentage, aantal, euro, score or dagen; NULL while the indicator is only proposed (no targets then).';
COMMENT ON COLUMN indicator.frequency IS 'How often it is measured: maand, kwartaal, jaar, tweejaarlijks or vierjaarlijks.';

CREATE TABLE budget_import (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  file_format text NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
  layout text NOT NULL CHECK (layout IN ('thema', 'taakveld', 'totaal')),
  line_count integer NOT NULL CHECK (line_count >= 0),
  reserve_count integer NOT NULL CHECK (reserve_count >= 0),
  imported_by uuid NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, programme_id) REFERENCES programme (municipality_code, id),
  FOREIGN KEY (municipality_code, imported_by) REFERENCES app_user (municipality_code, id)
);
COMMENT ON TABLE budget_import IS 'One budget file (CSV or XLSX) imported into a programme, in one transaction: all its lines or none.';
COMMENT ON COLUMN budget_import.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN budget_import.id IS 'Identifier (uuid), unique within the municipality.';
COMMENT ON COLUMN budget_import.programme_id IS 'The programme the file was imported into.';
COMMENT ON COLUMN budget_import.file_name IS 'Name of the uploaded file, as the user sent it.';
COMMENT ON COLUMN budget_import.file_format IS 'csv or xlsx.';
COMMENT ON COLUMN budget_import.layout IS 'thema (rows per theme), taakveld (rows per BBV taakveld) or totaal (programme totals only).';
COMMENT ON COLUMN budget_import.line_count IS 'Budget lines written by the import.';
COMMENT ON COLUMN budget_import.reserve_count IS 'Reserve mutations written by the import.';
COMMENT ON COLUMN budget_import.imported_by IS 'The user who imported the file.';
COMMENT ON COLUMN budget_import.imported_at IS 'When the file was imported.';
SELECT grip_tenant_isolation('budget_import');

-- Programme-level lines: the published total of a programme (no theme, no taakveld) or a line by BBV
-- taakveld without a theme. Theme lines keep reaching their programme through the theme.
ALTER TABLE budget_line
  ADD COLUMN programme_id uuid,
  ADD COLUMN budget_import_id uuid,
  ADD FOREIGN KEY (municipality_code, programme_id) REFERENCES programme (municipality_code, id),
  ADD FOREIGN KEY (municipality_code, budget_import_id) REFERENCES budget_import (municipality_code, id),
  ADD CONSTRAINT budget_line_programme_or_theme CHECK (theme_id IS NOT NULL OR programme_id IS NOT NULL OR bbv_taakveld_code IS NOT NULL),
  ADD CONSTRAINT budget_line_theme_or_programme CHECK (theme_id IS NULL OR programme_id IS NULL);
ALTER TABLE budget_line DROP CONSTRAINT budget_line_check;
DROP INDEX budget_line_unique;
CREATE UNIQUE INDEX budget_line_unique ON budget_line
  (municipality_code, coalesce(programme_id::text, ''), coalesce(theme_id::text, ''), coalesce(bbv_taakveld_code, ''), year, side, stage);
CREATE INDEX budget_line_programme ON budget_line (municipality_code, programme_id);
CREATE INDEX budget_line_theme ON budget_line (municipality_code, theme_id);
COMMENT ON COLUMN budget_line.programme_id IS 'Programme-level lines only (theme_id NULL): the published programme total, or a line by BBV taakveld; theme lines reach their programme through the theme.';
COMMENT ON COLUMN budget_line.budget_import_id IS 'The import the line came from (source import); NULL for lines typed in or computed.';

ALTER TABLE reserve_mutation
  ADD COLUMN budget_import_id uuid,
  ADD FOREIGN KEY (municipality_code, budget_import_id) REFERENCES budget_import (municipality_code, id);
COMMENT ON COLUMN reserve_mutation.budget_import_id IS 'The import the mutation came from; NULL when typed in.';
