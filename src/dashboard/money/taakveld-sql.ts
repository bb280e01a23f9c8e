/** taakveldFor (steering/realisation-from-costs.ts) as SQL text over law_code and product_category_code ('' = none). */
export const TAAKVELD_EXPRESSION = `CASE law_code
  WHEN 'wmo' THEN CASE WHEN nullif(product_category_code, '')::int BETWEEN 11 AND 14 THEN '6.6'
                       WHEN nullif(product_category_code, '')::int BETWEEN 15 AND 18 THEN '6.81' ELSE '6.71' END
  WHEN 'jeugdwet' THEN CASE WHEN nullif(product_category_code, '')::int IN (35, 36, 37, 38, 43, 44)
                              OR nullif(product_category_code, '')::int BETWEEN 46 AND 49 THEN '6.82' ELSE '6.72' END
  WHEN 'participatiewet' THEN '6.5'
  WHEN 'schuldhulp' THEN '6.3'
  END`;
