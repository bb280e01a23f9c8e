import type { FigureTable } from '../../dashboard-api.ts';
import type { Lang } from '../../i18n/i18n.tsx';
import { measureText, pick } from './figures.ts';

/** A measure that says whether the indicator is on track (1), off track (0) or not known (null). */
const STATUS_MEASURE = /^(onTrack|on-track|status|opKoers|op-koers|trackStatus)$/i;

export type TrackStatus = 'on' | 'off' | 'unknown';

export function trackStatus(
  table: FigureTable,
  values: FigureTable['rows'][number]['values'],
): TrackStatus | null {
  const measure = table.measures.find((m) => STATUS_MEASURE.test(m.code));
  if (!measure) return null;
  const value = values[measure.code];
  return value === 1 ? 'on' : value === 0 ? 'off' : 'unknown';
}

function StatusIcon({ status }: { status: TrackStatus }) {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 20 20"
      aria-hidden="true"
      focusable="false"
      className="grip-dash-tile__icon"
    >
      {status === 'on' ? (
        <>
          <circle cx="10" cy="10" r="9" fill="#2f7d32" />
          <path d="m5.5 10.5 3 3 6-6.5" stroke="#ffffff" strokeWidth="2" fill="none" strokeLinecap="round" />
        </>
      ) : status === 'off' ? (
        <>
          <path d="M10 1.5 19 18H1z" fill="#b3261e" />
          <path d="M10 7.5v5" stroke="#ffffff" strokeWidth="2" strokeLinecap="round" />
          <circle cx="10" cy="15" r="1.1" fill="#ffffff" />
        </>
      ) : (
        <>
          <circle cx="10" cy="10" r="9" fill="#ffffff" stroke="#4d4d4d" strokeWidth="1.5" />
          <path
            d="M7.5 8a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .8-1 1.5V12"
            stroke="#4d4d4d"
            strokeWidth="1.6"
            fill="none"
          />
          <circle cx="10" cy="15" r="1" fill="#4d4d4d" />
        </>
      )}
    </svg>
  );
}

/**
 * Indicator tiles: per indicator its figures and, where the table says so, whether it is on track — in
 * words and with an icon of its own shape, never by colour alone.
 */
export function IndicatorTiles({
  table,
  lang,
  statusText,
}: {
  table: FigureTable;
  lang: Lang;
  statusText: Record<TrackStatus, string>;
}) {
  const figures = table.measures.filter((m) => !STATUS_MEASURE.test(m.code));
  return (
    <ul className="grip-dash-tiles">
      {table.rows.map((row) => {
        const status = trackStatus(table, row.values);
        return (
          <li key={row.key} className={`grip-dash-tile${status ? ` grip-dash-tile--${status}` : ''}`}>
            <p className="grip-dash-tile__name">{pick(row.label, lang)}</p>
            {status ? (
              <p className="grip-dash-tile__status">
                <StatusIcon status={status} />
                {statusText[status]}
              </p>
            ) : null}
            <dl className="grip-dash-tile__figures">
              {figures.map((m) => (
                <div key={m.code}>
                  <dt>{pick(m.label, lang)}</dt>
                  <dd>{measureText(row.values[m.code], m, lang)}</dd>
                </div>
              ))}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
