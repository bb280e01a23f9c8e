import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type LogEntry, type LogPage } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { DateField, SelectField, TextField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { StatusBadge, type BadgeStatus } from '../components/StatusBadge.tsx';
import { Cell, HeaderCell, Row, Table, TableBody, TableHead } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { formatDateInput, parseDateInput } from '../format.ts';
import { errorText, fieldErrorsFrom, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/nl.ts';
import { navigate, useLocation, withQuery } from '../router.tsx';

const LIMIT = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTIONS = [
  'person.list',
  'person.search',
  'person.read',
  'person.create',
  'person.update',
  'user.list',
  'user.create',
  'user.update',
  'processing-log.search',
  'plan.read',
  'plan.update',
  'plan-agreement.record',
  'plan-evaluation.hold',
  'break-glass.create',
  'break-glass.review',
  'plan-message.list',
  'plan-document.read',
  'plan-pdf.read',
  'portal-plan.read',
  'portal-plan-agreement.create',
];
const OUTCOME_BADGE: Record<string, BadgeStatus> = { success: 'success', denied: 'warning', error: 'danger' };

interface Filters {
  betrokkene: string;
  gebruiker: string;
  handeling: string;
  uitkomst: string;
  van: string;
  tot: string;
}

const FIELD_IDS: Record<keyof Filters, string> = {
  betrokkene: 'subjectId',
  gebruiker: 'actorUserId',
  handeling: 'action',
  uitkomst: 'outcome',
  van: 'from',
  tot: 'to',
};

/** Start of a local calendar day as an ISO timestamp; `plusDays` 1 gives the end of "up to and including". */
function dayStart(isoDate: string, plusDays = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays).toISOString();
}

function readFilters(query: URLSearchParams): Filters {
  return {
    betrokkene: query.get('betrokkene') ?? '',
    gebruiker: query.get('gebruiker') ?? '',
    handeling: query.get('handeling') ?? '',
    uitkomst: query.get('uitkomst') ?? '',
    van: query.get('van') ?? '',
    tot: query.get('tot') ?? '',
  };
}

function validate(filters: Filters, t: Messages): FieldErrors {
  const errors: FieldErrors = {};
  if (filters.betrokkene && !UUID.test(filters.betrokkene.trim())) errors.subjectId = t.log.invalidId;
  if (filters.gebruiker && !UUID.test(filters.gebruiker.trim())) errors.actorUserId = t.log.invalidId;
  const from = filters.van.trim() ? parseDateInput(filters.van) : null;
  const to = filters.tot.trim() ? parseDateInput(filters.tot) : null;
  if (filters.van.trim() && !from) errors.from = t.common.dateInvalid;
  if (filters.tot.trim() && !to) errors.to = t.common.dateInvalid;
  if (from && to && to < from) errors.to = t.log.toBeforeFrom;
  return errors;
}

const SHOWN_SUBJECTS = 3;

/** The first 8 characters of an id, as a link that filters the log on it (the full id then fills the filter). */
function IdLink({ id, to, hint }: { id: string; to: string; hint: string }) {
  return (
    <Link to={to} className="grip-code grip-nowrap">
      {id.slice(0, 8)}…<span className="grip-visually-hidden"> ({hint})</span>
    </Link>
  );
}

function EntryRow({ entry, filters }: { entry: LogEntry; filters: Filters }) {
  const { t, formatDateTime } = useI18n();
  const type = entry.subjectType ? (t.log.subjectTypes[entry.subjectType] ?? entry.subjectType) : '';
  const filterHref = (change: Partial<Filters>) => withQuery('/verwerkingslog', { ...filters, ...change });
  const hidden = entry.subjectIds.length - SHOWN_SUBJECTS;
  return (
    <Row>
      <Cell className="grip-nowrap">
        {formatDateTime(entry.occurredAt)}
        <span className="grip-cell-note">
          {t.log.request} <code className="grip-code">{entry.requestId.slice(0, 8)}</code>
        </span>
      </Cell>
      <Cell>
        {t.log.actions[entry.action] ?? entry.action}
        <span className="grip-cell-note">
          <code className="grip-code grip-nowrap">{entry.action}</code>
        </span>
      </Cell>
      <Cell>
        <StatusBadge status={OUTCOME_BADGE[entry.outcome] ?? 'neutral'}>
          {t.log.outcomes[entry.outcome] ?? entry.outcome}
        </StatusBadge>
        {entry.httpStatus ? (
          <span className="grip-cell-note grip-nowrap">HTTP {entry.httpStatus}</span>
        ) : null}
      </Cell>
      <Cell>
        {entry.actorUserId ? (
          <>
            <IdLink
              id={entry.actorUserId}
              to={filterHref({ gebruiker: entry.actorUserId })}
              hint={t.log.filterOnUser}
            />
            {entry.actorRole ? (
              <span className="grip-cell-note">
                {t.roles[entry.actorRole as keyof Messages['roles']] ?? entry.actorRole}
              </span>
            ) : null}
          </>
        ) : (
          t.log.noActor
        )}
      </Cell>
      <Cell>
        {entry.subjectIds.length === 0 ? (
          t.log.noSubjects
        ) : (
          <>
            <span className="grip-nowrap">{t.log.subjectCount(entry.subjectIds.length, type)}</span>
            <ul className="grip-plain-list grip-cell-note">
              {entry.subjectIds.slice(0, SHOWN_SUBJECTS).map((id) => (
                <li key={id}>
                  <IdLink id={id} to={filterHref({ betrokkene: id })} hint={t.log.filterOnSubject} />
                </li>
              ))}
              {hidden > 0 ? <li>{t.log.more(hidden)}</li> : null}
            </ul>
          </>
        )}
      </Cell>
      <Cell className="grip-wide-cell">
        {t.log.purposes[entry.purpose] ?? entry.purpose}
        <span className="grip-cell-note">{entry.legalGround}</span>
      </Cell>
    </Row>
  );
}

export function ProcessingLogPage() {
  const { t, lang } = useI18n();
  usePageTitle(t.log.title);
  const { query } = useLocation();
  const applied = readFilters(query);
  const before = query.get('voor') ?? '';
  const appliedKey = JSON.stringify(applied);

  const [form, setForm] = useState<Filters>(() => ({
    ...applied,
    van: formatDateInput(applied.van),
    tot: formatDateInput(applied.tot),
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [page, setPage] = useState<LogPage | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };

  useEffect(() => {
    const filters = JSON.parse(appliedKey) as Filters;
    setForm({ ...filters, van: formatDateInput(filters.van), tot: formatDateInput(filters.tot) });
  }, [appliedKey]);

  useEffect(() => {
    const filters = JSON.parse(appliedKey) as Filters;
    if (Object.keys(validate(filters, texts.current.t)).length > 0) return;
    const controller = new AbortController();
    setPage(null);
    setLoadError(null);
    api
      .processingLog(
        {
          subjectId: filters.betrokkene.trim() || undefined,
          actorUserId: filters.gebruiker.trim() || undefined,
          action: filters.handeling || undefined,
          outcome: filters.uitkomst || undefined,
          from: dayStart(filters.van),
          to: dayStart(filters.tot, 1),
          before: before || undefined,
          limit: LIMIT,
        },
        controller.signal,
      )
      .then(({ data }) => setPage(data))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const { t, lang } = texts.current;
        if (error instanceof ApiError && error.fields.length > 0) {
          const split = fieldErrorsFrom(error.fields, lang, {
            'query.subjectId': 'subjectId',
            'query.actorUserId': 'actorUserId',
            'query.action': 'action',
            'query.outcome': 'outcome',
            'query.from': 'from',
            'query.to': 'to',
          });
          setErrors(split.fields);
          setGeneral(split.general);
          setAttempt((n) => n + 1);
        }
        setLoadError(errorText(error, t, lang));
      });
    return () => controller.abort();
  }, [appliedKey, before]);

  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate(form, t);
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    navigate(
      withQuery('/verwerkingslog', {
        ...form,
        betrokkene: form.betrokkene.trim(),
        gebruiker: form.gebruiker.trim(),
        van: parseDateInput(form.van) ?? '',
        tot: parseDateInput(form.tot) ?? '',
      }),
    );
  };

  const reset = () => {
    setErrors({});
    setGeneral([]);
    navigate('/verwerkingslog');
  };

  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{t.log.title}</PageTitle>
        <Paragraph lead>{t.log.intro}</Paragraph>
      </div>

      <section className="grip-panel" aria-labelledby="filters-heading">
        <Heading level={2} appearance={3} id="filters-heading" className="grip-panel__title">
          {t.log.filtersHeading}
        </Heading>
        <ErrorSummary items={summaryItems(Object.values(FIELD_IDS), errors, general)} focusKey={attempt} />
        <form
          className="grip-form grip-form--grid"
          noValidate
          onSubmit={submit}
          role="search"
          aria-labelledby="filters-heading"
        >
          <TextField
            id="subjectId"
            label={t.log.subjectId}
            description={t.log.subjectIdHint}
            optional
            autoComplete="off"
            spellCheck={false}
            value={form.betrokkene}
            onChange={set('betrokkene')}
            error={errors.subjectId}
          />
          <TextField
            id="actorUserId"
            label={t.log.actorUserId}
            optional
            autoComplete="off"
            spellCheck={false}
            value={form.gebruiker}
            onChange={set('gebruiker')}
            error={errors.actorUserId}
          />
          <SelectField
            id="action"
            label={t.log.action}
            optional
            value={form.handeling}
            onChange={set('handeling')}
            error={errors.action}
            options={[
              { value: '', label: t.log.anyAction },
              ...ACTIONS.map((action) => ({ value: action, label: t.log.actions[action] ?? action })),
            ]}
          />
          <SelectField
            id="outcome"
            label={t.log.outcome}
            optional
            value={form.uitkomst}
            onChange={set('uitkomst')}
            error={errors.outcome}
            options={[
              { value: '', label: t.log.anyOutcome },
              ...['success', 'denied', 'error'].map((o) => ({ value: o, label: t.log.outcomes[o] ?? o })),
            ]}
          />
          <DateField
            id="from"
            label={t.log.from}
            optional
            value={form.van}
            onChange={set('van')}
            error={errors.from}
          />
          <DateField
            id="to"
            label={t.log.to}
            optional
            value={form.tot}
            onChange={set('tot')}
            error={errors.to}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action">
              {t.log.apply}
            </Button>
            <Button appearance="subtle" onClick={reset}>
              {t.log.reset}
            </Button>
          </ButtonGroup>
        </form>
      </section>

      <section aria-labelledby="entries-heading" className="grip-section">
        <Heading level={2} id="entries-heading">
          {t.log.resultsHeading}
        </Heading>
        <div role="status" className="grip-live-region">
          {loadError ? (
            <Alert type="error">
              <Paragraph>{loadError}</Paragraph>
            </Alert>
          ) : page ? (
            <Paragraph>{page.items.length === 0 ? t.log.none : t.log.shown(page.items.length)}</Paragraph>
          ) : (
            <Paragraph>{t.common.loading}</Paragraph>
          )}
        </div>
        {page && page.items.length > 0 ? (
          <>
            <Table caption={t.log.tableCaption} hideCaption>
              <TableHead>
                <HeaderCell>{t.log.colTime}</HeaderCell>
                <HeaderCell>{t.log.colAction}</HeaderCell>
                <HeaderCell>{t.log.colOutcome}</HeaderCell>
                <HeaderCell>{t.log.colActor}</HeaderCell>
                <HeaderCell>{t.log.colSubjects}</HeaderCell>
                <HeaderCell>{t.log.colPurpose}</HeaderCell>
              </TableHead>
              <TableBody>
                {page.items.map((entry) => (
                  <EntryRow key={entry.id} entry={entry} filters={applied} />
                ))}
              </TableBody>
            </Table>
            {before || page.nextBefore ? (
              <nav className="grip-pagination" aria-label={t.common.pagination}>
                {before ? (
                  <Link to={withQuery('/verwerkingslog', { ...applied })}>{t.log.newest}</Link>
                ) : null}
                {page.nextBefore ? (
                  <Link to={withQuery('/verwerkingslog', { ...applied, voor: page.nextBefore })} rel="next">
                    {t.log.older}
                    <span aria-hidden="true"> →</span>
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </>
        ) : null}
      </section>
    </div>
  );
}
