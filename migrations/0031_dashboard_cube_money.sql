-- Money in the count cube (issue 8): besides distinct persons, a cell can carry a sum of eurocents (realisation
-- from declarations, commitments from allocations), kept up to date the same way: sums, like distinct persons,
-- add up across persons.
ALTER TABLE dash_cube ADD COLUMN cents bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN dash_cube.cents IS 'Sum of eurocents in the cell for money measures (money-sums, money-commitments); 0 for counts only. Rows where both persons and cents fall to 0 are removed.';
COMMENT ON COLUMN dash_cube.period IS 'Standard period: Y2025 (calendar year), A2026 (January up to the month of dash_cube_state.last_month, for that year and the one before), ALL (dash_cube_state.first_month up to last_month), B2016 (first_month up to December of its year); for measures with month cells also M2025-03 (one month) and T2025-03 (January up to that month).';
