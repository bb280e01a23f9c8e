/**
 * The life-domain scores of a plan's participants, per person and domain, in order: the scores given at
 * the intakes of their help questions (the start), a start measurement recorded on the plan, and the
 * scores of every held evaluation of this plan.
 */
import type { Tx } from '../platform/db/database.ts';

export type ScoreSource = 'intake' | 'start' | 'evaluatie';

export interface ScoreSeries {
  personId: string;
  lifeDomainCode: string;
  measurements: { assessedOn: string; score: number; source: ScoreSource }[];
}

const SOURCE_ORDER: Record<ScoreSource, number> = { intake: 0, start: 1, evaluatie: 2 };

export async function planScores(tx: Tx, municipalityCode: string, planId: string): Promise<ScoreSeries[]> {
  const rows = await tx
    .selectFrom('life_domain_score as s')
    .innerJoin('plan_participant as pp', (j) =>
      j.onRef('pp.municipality_code', '=', 's.municipality_code').onRef('pp.person_id', '=', 's.person_id'),
    )
    .innerJoin('life_domain as d', 'd.code', 's.life_domain_code')
    .leftJoin('plan_evaluation as e', (j) =>
      j.onRef('e.municipality_code', '=', 's.municipality_code').onRef('e.id', '=', 's.plan_evaluation_id'),
    )
    .select([
      's.id',
      's.person_id',
      's.life_domain_code',
      's.assessed_on',
      's.score',
      's.intake_id',
      'e.kind',
      'd.position',
    ])
    .where('s.municipality_code', '=', municipalityCode)
    .where('pp.plan_id', '=', planId)
    .where((eb) => eb.or([eb('s.intake_id', 'is not', null), eb('e.plan_id', '=', planId)]))
    .execute();
  const sorted = rows
    .map((r) => ({
      ...r,
      source: (r.intake_id ? 'intake' : r.kind === 'start' ? 'start' : 'evaluatie') as ScoreSource,
    }))
    .sort(
      (a, b) =>
        a.person_id.localeCompare(b.person_id) ||
        a.position - b.position ||
        a.assessed_on.localeCompare(b.assessed_on) ||
        SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] ||
        Number(a.id) - Number(b.id),
    );
  const series = new Map<string, ScoreSeries>();
  for (const r of sorted) {
    const key = `${r.person_id}/${r.life_domain_code}`;
    let s = series.get(key);
    if (!s) {
      s = { personId: r.person_id, lifeDomainCode: r.life_domain_code, measurements: [] };
      series.set(key, s);
    }
    s.measurements.push({ assessedOn: r.assessed_on, score: r.score, source: r.source });
  }
  return [...series.values()];
}
