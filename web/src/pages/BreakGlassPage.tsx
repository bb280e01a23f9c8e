import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { DataList } from '../components/DataList.tsx';
import { TextAreaField } from '../components/FormField.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { errorText, formErrorsFrom, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { planApi, type BreakGlassItem } from '../plan-api.ts';
import { useLocation, withQuery } from '../router.tsx';

const NOTE_MAX = 2000;

interface BreakGlassPage {
  items: BreakGlassView[];
  page: number;
  pageSize: number;
  total: number;
}

type BreakGlassView = BreakGlassItem;

const whoOf = (item: BreakGlassView) => item.user.name;
const reviewerOf = (item: BreakGlassView) => item.reviewedBy?.name ?? null;

/**
 * The privacy officer's review of broken glass: every time someone opened a plan they were not involved
 * in, who, when, why and which plan; the unreviewed first, each with a review note.
 */
export function BreakGlassPage() {
  const { t, lang } = useI18n();
  const b = t.breakGlass;
  usePageTitle(b.title);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const { query } = useLocation();
  const requested = Number(query.get('pagina') ?? '1');
  const page = Number.isInteger(requested) && requested > 0 ? requested : 1;
  const [open, setOpen] = useState<BreakGlassPage | null>(null);
  const [reviewed, setReviewed] = useState<BreakGlassPage | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const [unreviewed, past] = await Promise.all([
          planApi.breakGlassList({ reviewed: false }, signal),
          planApi.breakGlassList({ reviewed: true, page }, signal),
        ]);
        setOpen(unreviewed.data);
        setReviewed(past.data);
        setLoadError(null);
      } catch (error) {
        if (!signal?.aborted) setLoadError(errorText(error, texts.current.t, texts.current.lang));
      }
    },
    [page],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const onReviewed = async (item: BreakGlassView) => {
    setDone(b.reviewedOk(whoOf(item)));
    await load();
  };

  const pages = reviewed ? Math.max(1, Math.ceil(reviewed.total / Math.max(1, reviewed.pageSize))) : 1;

  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{b.title}</PageTitle>
        <Paragraph lead>{b.intro}</Paragraph>
      </div>
      <div ref={doneRef} tabIndex={-1} role="status" className="grip-live-region">
        {loadError ? (
          <Alert type="error">
            <Paragraph>{loadError}</Paragraph>
          </Alert>
        ) : done ? (
          <Alert type="ok">
            <Paragraph>{done}</Paragraph>
          </Alert>
        ) : open === null ? (
          <Paragraph>{t.common.loading}</Paragraph>
        ) : null}
      </div>

      <section className="grip-section" aria-labelledby="break-glass-open-heading">
        <Heading level={2} id="break-glass-open-heading">
          {b.openHeading}
        </Heading>
        {open ? <Paragraph>{b.openCount(open.total)}</Paragraph> : null}
        {open && open.items.length > 0 ? (
          <ul className="grip-plain-list grip-cards">
            {open.items.map((item) => (
              <BreakGlassCard key={item.id} item={item} onReviewed={onReviewed} />
            ))}
          </ul>
        ) : null}
      </section>

      <section className="grip-section" aria-labelledby="break-glass-reviewed-heading">
        <Heading level={2} id="break-glass-reviewed-heading">
          {b.reviewedHeading}
        </Heading>
        {reviewed && reviewed.items.length === 0 ? <Paragraph>{b.reviewedNone}</Paragraph> : null}
        {reviewed && reviewed.items.length > 0 ? (
          <ul className="grip-plain-list grip-cards">
            {reviewed.items.map((item) => (
              <BreakGlassCard key={item.id} item={item} />
            ))}
          </ul>
        ) : null}
        <Pagination
          page={page}
          pages={pages}
          hrefFor={(n) => withQuery('/doorbraken', { pagina: n > 1 ? n : undefined })}
        />
      </section>
    </div>
  );
}

function BreakGlassCard({
  item,
  onReviewed,
}: {
  item: BreakGlassView;
  onReviewed?(item: BreakGlassView): Promise<void>;
}) {
  const { t, lang, formatDateTime } = useI18n();
  const b = t.breakGlass;
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const noteId = `review-note-${item.id}`;
  const headingId = `break-glass-${item.id}`;
  const who = whoOf(item);
  const when = item.grantedAt;
  const isReviewed = Boolean(item.reviewedAt);

  const fail = (message: string) => {
    setError(message);
    document.getElementById(noteId)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !onReviewed) return;
    const text = note.trim();
    if (!text) return fail(b.noteRequired);
    if (text.length > NOTE_MAX) return fail(b.noteTooLong);
    setBusy(true);
    try {
      await planApi.reviewBreakGlass(item.id, text);
      setError(undefined);
      await onReviewed(item);
    } catch (caught) {
      const { fields, general } = formErrorsFrom(caught, t, lang, { note: noteId });
      fail(fields[noteId] ?? general[0] ?? t.common.unexpectedError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="grip-card">
      <div className="grip-card__head">
        <Heading level={3} appearance={4} id={headingId} className="grip-card__title">
          {b.itemTitle(who, when ? formatDateTime(when) : t.common.empty)}
        </Heading>
        <StatusBadge status={isReviewed ? 'success' : 'warning'}>
          {isReviewed ? b.reviewed : b.unreviewed}
        </StatusBadge>
      </div>
      <DataList
        items={[
          { key: 'who', label: b.who, value: who },
          { key: 'when', label: b.when, value: when ? formatDateTime(when) : t.common.empty },
          { key: 'until', label: b.until, value: formatDateTime(item.expiresAt) },
          { key: 'why', label: b.why, value: <span className="grip-pre">{item.reason}</span> },
          {
            key: 'plan',
            label: b.plan,
            value: item.householdAddress ? b.household(item.householdAddress) : b.householdUnknown,
          },
          ...(isReviewed
            ? [
                { key: 'reviewed-at', label: b.reviewedAt, value: formatDateTime(item.reviewedAt!) },
                ...(reviewerOf(item)
                  ? [{ key: 'reviewed-by', label: b.reviewedBy, value: reviewerOf(item) }]
                  : []),
                {
                  key: 'note',
                  label: b.reviewNote,
                  value: <span className="grip-pre">{item.reviewNote ?? t.common.empty}</span>,
                },
              ]
            : []),
        ]}
      />
      {!isReviewed && onReviewed ? (
        <form className="grip-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
          <TextAreaField
            id={noteId}
            // Required (aria-required), but not red before anything was typed: the browser's :invalid stays off.
            required={false}
            aria-required
            label={b.noteLabel}
            description={b.noteHint}
            value={note}
            error={error}
            rows={3}
            onChange={(e) => setNote(e.target.value)}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action" busy={busy}>
              {busy ? t.common.saving : b.review}
            </Button>
          </ButtonGroup>
        </form>
      ) : null}
    </li>
  );
}
