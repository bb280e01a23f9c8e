-- Steering maintenance (issue 7): programmes, societal goals, themes and indicators can now be changed and
-- deleted, so they carry a version for optimistic concurrency (ETag / If-Match) like interventions do.

ALTER TABLE programme ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE societal_goal ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE theme ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE indicator ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);

COMMENT ON COLUMN programme.version IS 'Version for optimistic concurrency: starts at 1, +1 on every change (ETag / If-Match).';
COMMENT ON COLUMN societal_goal.version IS 'Version for optimistic concurrency: starts at 1, +1 on every change (ETag / If-Match).';
COMMENT ON COLUMN theme.version IS 'Version for optimistic concurrency: starts at 1, +1 on every change (ETag / If-Match).';
COMMENT ON COLUMN indicator.version IS 'Version for optimistic concurrency: starts at 1, +1 on every change (ETag / If-Match).';
