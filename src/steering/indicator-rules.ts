import { invalid, type InvalidParam } from '../platform/http/problem.ts';
import type { Tx } from '../platform/db/database.ts';
import { findDefinition, type Direction, type IndicatorUnit } from './indicator-definitions.ts';

/**
 * The rules an indicator meets whether it is added or changed: a computed one has an existing definition
 * (and takes its unit), an external one its source; a direction; values that fit the unit; a goal and theme
 * that exist. Create and update both check the whole resulting indicator, so no change can leave it broken.
 */

const param = (name: string, code: string, nl: string, en: string): InvalidParam => ({
  name,
  code,
  reason: { nl, en },
});

/** Values that do not fit the unit: a percentage outside 0–100, a negative count, amount or duration. */
export function valueProblems(name: string, unit: string | null, value: number): InvalidParam[] {
  if (unit === 'percentage' && (value < 0 || value > 100))
    return [
      param(
        name,
        'percentage-out-of-range',
        `Een percentage ligt tussen 0 en 100 (niet ${value}).`,
        `A percentage lies between 0 and 100 (not ${value}).`,
      ),
    ];
  if ((unit === 'aantal' || unit === 'euro' || unit === 'dagen') && value < 0)
    return [
      param(
        name,
        'negative',
        `Een ${unit === 'aantal' ? 'aantal' : unit === 'euro' ? 'bedrag' : 'aantal dagen'} kan niet negatief zijn.`,
        `A ${unit === 'aantal' ? 'count' : unit === 'euro' ? 'amount' : 'number of days'} cannot be negative.`,
      ),
    ];
  return [];
}

export interface IndicatorSource {
  unit?: IndicatorUnit | null;
  sourceKind: 'berekend' | 'extern';
  definitionCode?: string | null;
  definitionVersion?: number | null;
  sourceName?: string | null;
  direction?: Direction | null;
  baseline?: { year: number; value: number } | null;
}

/** Checks the source, unit, direction and baseline; throws 400 with every problem at once. */
export function indicatorSourceRules(body: IndicatorSource) {
  const problems: InvalidParam[] = [];
  let unit = body.unit ?? null;
  let direction = body.direction ?? null;
  let definitionCode: string | null = null;
  let definitionVersion: number | null = null;
  if (body.sourceKind === 'berekend') {
    const definition =
      body.definitionCode && body.definitionVersion
        ? findDefinition(body.definitionCode, body.definitionVersion)
        : undefined;
    if (!definition)
      problems.push(
        param(
          'definitionCode',
          'unknown-definition',
          'Een berekende indicator heeft een bestaande definitie met versie nodig (zie indicator-definitions).',
          'A computed indicator needs an existing definition with its version (see indicator-definitions).',
        ),
      );
    else {
      if (unit !== null && unit !== definition.unit)
        problems.push(
          param(
            'unit',
            'differs-from-definition',
            `De definitie rekent in ${definition.unit}.`,
            `The definition computes in ${definition.unit}.`,
          ),
        );
      unit = definition.unit;
      direction ??= definition.direction;
      definitionCode = definition.code;
      definitionVersion = definition.version;
    }
    if (body.sourceName)
      problems.push(
        param(
          'sourceName',
          'not-for-computed',
          'Een berekende indicator heeft Grip als bron; laat de bron leeg.',
          'A computed indicator has Grip as its source; leave the source empty.',
        ),
      );
  } else {
    if (!body.sourceName)
      problems.push(
        param(
          'sourceName',
          'required',
          'Geef de bron van een externe indicator (monitor, enquête, CBS, panel).',
          'Give the source of an external indicator (monitor, survey, CBS, panel).',
        ),
      );
    if (body.definitionCode || body.definitionVersion)
      problems.push(
        param(
          'definitionCode',
          'not-for-external',
          'Alleen een berekende indicator heeft een definitie.',
          'Only a computed indicator has a definition.',
        ),
      );
  }
  if (direction === null)
    problems.push(
      param(
        'direction',
        'required',
        'Geef aan of hoger of lager beter is.',
        'State whether higher or lower is better.',
      ),
    );
  if (body.baseline) problems.push(...valueProblems('baseline.value', unit, body.baseline.value));
  if (problems.length > 0 || direction === null) throw invalid(problems);
  return { unit, direction, definitionCode, definitionVersion };
}

/** The goal and theme an indicator measures must exist in the municipality. */
export async function indicatorLinkRules(
  tx: Tx,
  municipalityCode: string,
  body: { societalGoalId?: string | null; themeId?: string | null },
): Promise<void> {
  const problems: InvalidParam[] = [];
  if (body.societalGoalId) {
    const goal = await tx
      .selectFrom('societal_goal')
      .select('id')
      .where('municipality_code', '=', municipalityCode)
      .where('id', '=', body.societalGoalId)
      .executeTakeFirst();
    if (!goal)
      problems.push(
        param('societalGoalId', 'unknown', 'Dit doel bestaat niet.', 'This goal does not exist.'),
      );
  }
  if (body.themeId) {
    const theme = await tx
      .selectFrom('theme')
      .select('id')
      .where('municipality_code', '=', municipalityCode)
      .where('id', '=', body.themeId)
      .executeTakeFirst();
    if (!theme)
      problems.push(param('themeId', 'unknown', 'Dit thema bestaat niet.', 'This theme does not exist.'));
  }
  if (problems.length > 0) throw invalid(problems);
}
