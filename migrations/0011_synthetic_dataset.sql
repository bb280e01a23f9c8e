-- Records each run of the synthetic municipality generator, so a demo is loaded once and its parameters
-- (and so its exact figures) can be reproduced.

CREATE TABLE synthetic_dataset (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  seed bigint NOT NULL,
  inhabitants integer NOT NULL CHECK (inhabitants BETWEEN 1000 AND 5000000),
  first_day date NOT NULL,
  last_day date NOT NULL,
  generator_version integer NOT NULL CHECK (generator_version >= 1),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  row_count bigint CHECK (row_count >= 0),
  PRIMARY KEY (municipality_code, id),
  CHECK (first_day <= last_day),
  CHECK (finished_at IS NULL OR finished_at >= started_at)
);
COMMENT ON TABLE synthetic_dataset IS 'A synthetic (fictitious) dataset generated into this municipality: every row it made is synthetic demo data.';
COMMENT ON COLUMN synthetic_dataset.seed IS 'Random seed: the same seed, size, period and generator version give the same data.';
COMMENT ON COLUMN synthetic_dataset.inhabitants IS 'Number of inhabitants simulated.';
COMMENT ON COLUMN synthetic_dataset.first_day IS 'First day of the generated period.';
COMMENT ON COLUMN synthetic_dataset.last_day IS 'Last day of the generated period.';
COMMENT ON COLUMN synthetic_dataset.generator_version IS 'Version of the generator model (src/generator/model.ts).';
COMMENT ON COLUMN synthetic_dataset.finished_at IS 'When the run completed; NULL while running or after a failed run.';
COMMENT ON COLUMN synthetic_dataset.row_count IS 'Rows written by the run.';
SELECT grip_tenant_isolation('synthetic_dataset');
