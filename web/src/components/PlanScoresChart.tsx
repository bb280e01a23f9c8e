import { useId } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { PlanParticipant, ScoreSeries } from '../plan-api.ts';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';
import { Heading, Paragraph } from './Typography.tsx';

const W = 240;
const H = 120;
const PAD = { left: 24, right: 12, top: 12, bottom: 20 };

/** One life domain over time as a small line chart; the title and description say what it shows. */
function DomainChart({ series, person }: { series: ScoreSeries; person: string }) {
  const { t, formatDate } = useI18n();
  const p = t.plan;
  const titleId = useId();
  const descId = useId();
  const domain = t.lifeDomains[series.lifeDomainCode] ?? series.lifeDomainCode;
  const points = series.measurements;
  const step = points.length > 1 ? (W - PAD.left - PAD.right) / (points.length - 1) : 0;
  const x = (i: number) => PAD.left + (points.length > 1 ? i * step : (W - PAD.left - PAD.right) / 2);
  const y = (score: number) => PAD.top + ((5 - score) / 4) * (H - PAD.top - PAD.bottom);
  const description = p.chartDesc(
    points
      .map((m) => p.chartPoint(formatDate(m.assessedOn), m.score, p.sources[m.source] ?? m.source))
      .join('; '),
  );
  return (
    <figure className="grip-plan-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        focusable="false"
        className="grip-plan-chart__svg"
      >
        <title id={titleId}>{p.chartTitle(domain, person)}</title>
        <desc id={descId}>{description}</desc>
        {[1, 2, 3, 4, 5].map((score) => (
          <g key={score}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(score)}
              y2={y(score)}
              className="grip-plan-chart__grid"
            />
            <text x={4} y={y(score) + 4} className="grip-plan-chart__axis">
              {score}
            </text>
          </g>
        ))}
        {points.length > 1 ? (
          <polyline
            points={points.map((m, i) => `${x(i)},${y(m.score)}`).join(' ')}
            className="grip-plan-chart__line"
          />
        ) : null}
        {points.map((m, i) => (
          <g key={`${m.assessedOn}-${i}`}>
            {m.source === 'evaluatie' ? (
              <rect x={x(i) - 4} y={y(m.score) - 4} width={8} height={8} className="grip-plan-chart__point" />
            ) : (
              <circle cx={x(i)} cy={y(m.score)} r={4} className="grip-plan-chart__point" />
            )}
            <text x={x(i)} y={H - 4} textAnchor="middle" className="grip-plan-chart__axis">
              {i === 0 ? (p.sources[m.source] ?? m.source) : String(i)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="grip-plan-chart__caption">{domain}</figcaption>
    </figure>
  );
}

/** Life-domain scores per participant: a chart per domain over time, and the same numbers as a table. */
export function PlanScoresChart({
  scores,
  participants,
}: {
  scores: ScoreSeries[];
  participants: PlanParticipant[];
}) {
  const { t, formatDate } = useI18n();
  const p = t.plan;
  if (scores.length === 0) return <Paragraph>{p.noScores}</Paragraph>;
  const order = Object.keys(t.lifeDomains);
  const byPerson = new Map<string, ScoreSeries[]>();
  for (const series of scores) {
    if (series.measurements.length === 0) continue;
    byPerson.set(series.personId, [...(byPerson.get(series.personId) ?? []), series]);
  }
  return (
    <>
      {[...byPerson.entries()].map(([personId, list]) => {
        const person = participants.find((x) => x.personId === personId)?.name ?? personId;
        const sorted = [...list].sort(
          (a, b) => order.indexOf(a.lifeDomainCode) - order.indexOf(b.lifeDomainCode),
        );
        return (
          <div key={personId} className="grip-stack">
            <Heading level={3}>{person}</Heading>
            <div className="grip-plan-charts">
              {sorted.map((series) => (
                <DomainChart key={series.lifeDomainCode} series={series} person={person} />
              ))}
            </div>
            <details className="grip-plan-details">
              <summary>{p.scoresTable}</summary>
              <Table caption={p.scoresCaption(person)}>
                <TableHead>
                  <HeaderCell>{p.domain}</HeaderCell>
                  <HeaderCell>{p.measuredOn}</HeaderCell>
                  <HeaderCell>{p.score}</HeaderCell>
                  <HeaderCell>{p.source}</HeaderCell>
                </TableHead>
                <TableBody>
                  {sorted.flatMap((series) =>
                    series.measurements.map((m, i) => (
                      <Row key={`${series.lifeDomainCode}-${i}`}>
                        <RowHeaderCell>
                          {t.lifeDomains[series.lifeDomainCode] ?? series.lifeDomainCode}
                        </RowHeaderCell>
                        <Cell>{formatDate(m.assessedOn)}</Cell>
                        <Cell>{m.score}</Cell>
                        <Cell>{p.sources[m.source] ?? m.source}</Cell>
                      </Row>
                    )),
                  )}
                </TableBody>
              </Table>
            </details>
          </div>
        );
      })}
    </>
  );
}
