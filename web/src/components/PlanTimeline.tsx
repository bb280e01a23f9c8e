import { useI18n } from '../i18n/i18n.tsx';
import type { TimelineEvent } from '../plan-api.ts';
import { Link } from './Link.tsx';
import { Paragraph } from './Typography.tsx';

/** The day in the Netherlands of a time stamp (all-day events are stamped at the start of that day). */
function dutchDay(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime())
    ? at.slice(0, 10)
    : new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(date);
}

/** The household's events in order: questions, intakes, meldingen, decisions, plan versions, messages… */
export function PlanTimeline({ events }: { events: TimelineEvent[] }) {
  const { t, lang, formatDate, formatDateTime } = useI18n();
  const p = t.plan;
  if (events.length === 0) return <Paragraph>{p.noTimeline}</Paragraph>;
  return (
    <ol className="grip-plan-timeline">
      {events.map((event, i) => {
        const detail = event.detail;
        const internal = event.link && event.link.startsWith('/') && !event.link.startsWith('/api/');
        return (
          <li key={`${event.at}-${i}`} className="grip-plan-timeline__item">
            <time dateTime={event.at} className="grip-muted">
              {event.allDay ? formatDate(dutchDay(event.at)) : formatDateTime(event.at)}
            </time>{' '}
            <strong>{event.title[lang]}</strong>
            {detail ? <span> — {detail}</span> : null}
            {event.link ? (
              <>
                {' '}
                {internal ? (
                  <Link to={event.link}>
                    {p.timelineOpen}
                    <span className="grip-visually-hidden">: {event.title[lang]}</span>
                  </Link>
                ) : (
                  <a className="utrecht-link utrecht-link--html-a" href={event.link}>
                    {p.timelineOpen}
                    <span className="grip-visually-hidden">: {event.title[lang]}</span>
                  </a>
                )}
              </>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
