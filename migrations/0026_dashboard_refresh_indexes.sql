-- Dashboard refresh (issue 8): indexes that let an incremental refresh of the dashboard summaries read only
-- the rows of the changed persons, households and months, instead of every row of the municipality.

-- The money maintainer recomputes the client-month rows of the changed months (new or corrected declaration
-- lines record their months): a range scan per month on period_start instead of a scan of every line.
CREATE INDEX declaration_line_period ON declaration_line (municipality_code, period_start);
COMMENT ON INDEX declaration_line_period IS 'Dashboard refresh: the declaration lines of a month (money summaries of the changed months).';

-- The evaluations summary (dash_mix_evaluation) is refreshed per changed household: its plans by household,
-- whatever their status (household_plan_one_open covers open plans only), instead of a scan of every plan.
CREATE INDEX household_plan_household ON household_plan (municipality_code, household_id);
COMMENT ON INDEX household_plan_household IS 'Dashboard refresh: the plans of a changed household (evaluation summaries).';
