import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.tsx';
import { FieldError, SelectField } from '../components/FormField.tsx';
import { Link, PlainLink } from '../components/Link.tsx';
import { Cell, HeaderCell, RowHeaderCell, Table, TableBody } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation, withQuery } from '../router.tsx';
import { useCurrentSession } from '../session.tsx';
import {
  BUDGET_STAGES,
  budgetExportUrl,
  importBudget,
  steeringApi,
  type BudgetOverview,
  type BudgetStage,
  type ProgrammeSummary,
} from '../steering-api.ts';
import { PROGRESS_REPORT_PATH } from './SteeringProgressReportPage.tsx';

export const BUDGET_PATH = '/sturing/begroting';

/** A programme's budget: totals per year and stage, import of a CSV or XLSX file, export, progress reports. */
export function SteeringBudgetPage() {
  const { t, lang } = useI18n();
  const b = t.steering.budget;
  usePageTitle(b.title);
  const session = useCurrentSession();
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const { query } = useLocation();
  const programmeId = query.get('programma') ?? '';
  const fileInput = useRef<HTMLInputElement>(null);

  const [programmes, setProgrammes] = useState<ProgrammeSummary[] | null>(null);
  const [chosen, setChosen] = useState(programmeId);
  const [overview, setOverview] = useState<BudgetOverview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [stage, setStage] = useState<BudgetStage>('begroting');
  const [fileError, setFileError] = useState<string | undefined>();
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    steeringApi
      .programmes(controller.signal)
      .then(({ data }) => {
        setProgrammes(data.items);
        if (!programmeId && data.items[0]) setChosen(data.items[0].id);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorText(error, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, [programmeId]);

  const load = useCallback(
    (signal?: AbortSignal) => {
      if (!programmeId) return Promise.resolve();
      return steeringApi
        .budget(programmeId, signal)
        .then(({ data }) => setOverview(data))
        .catch((error: unknown) => {
          if (!signal?.aborted) setLoadError(errorText(error, texts.current.t, texts.current.lang));
        });
    },
    [programmeId],
  );

  useEffect(() => {
    setOverview(null);
    setChosen(programmeId);
    setMessage(null);
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [programmeId, load]);

  const choose = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) navigate(withQuery(BUDGET_PATH, { programma: chosen }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const file = fileInput.current?.files?.[0];
    setMessage(null);
    setProblems([]);
    const problem = !file ? b.fileRequired : /\.(csv|xlsx)$/i.test(file.name) ? null : b.fileType;
    if (problem || !file) {
      setFileError(problem ?? b.fileRequired);
      setAttempt((n) => n + 1);
      return;
    }
    setFileError(undefined);
    setBusy(true);
    try {
      const result = await importBudget(programmeId, file, stage, session.csrfToken);
      if (fileInput.current) fileInput.current.value = '';
      const { t } = texts.current;
      const created = result.themesCreated.length
        ? ` ${t.steering.budget.themesCreated(result.themesCreated.join(', '))}`
        : '';
      setMessage(`${t.steering.budget.imported(file.name, result.lineCount, result.reserveCount)}${created}`);
      await load();
    } catch (error) {
      const { t, lang } = texts.current;
      if (error instanceof ApiError && error.fields.length > 0) {
        setFileError(t.steering.budget.fileProblems(error.fields.length));
        setProblems(error.fields.map((f) => ({ fieldId: 'budgetFile', message: f[lang] })));
      } else {
        setFileError(errorText(error, t, lang));
      }
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const programme = programmes?.find((p) => p.id === programmeId);
  const years = [...new Set((overview?.totals ?? []).map((x) => x.year))];
  const amount = (value: number | null) =>
    value === null
      ? '–'
      : value.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 });

  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{b.title}</PageTitle>
        <Paragraph lead>{b.intro}</Paragraph>
      </div>
      <section className="grip-panel" aria-labelledby="budget-choose-heading">
        <Heading level={2} appearance={3} id="budget-choose-heading" className="grip-panel__title">
          {b.choose}
        </Heading>
        {programmes && programmes.length === 0 ? (
          <Paragraph>{t.steering.progress.noProgrammes}</Paragraph>
        ) : (
          <form className="grip-form grip-form--grid" noValidate onSubmit={choose}>
            <SelectField
              id="programme"
              label={b.programme}
              value={chosen}
              onChange={(e) => setChosen(e.target.value)}
              options={(programmes ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
            />
            <div className="grip-button-group utrecht-button-group">
              <Button type="submit">{b.show}</Button>
            </div>
          </form>
        )}
      </section>

      <div role="status" className="grip-live-region">
        {loadError ? (
          <Alert type="error">
            <Paragraph>{loadError}</Paragraph>
          </Alert>
        ) : message ? (
          <Alert type="ok">
            <Paragraph>{message}</Paragraph>
          </Alert>
        ) : busy ? (
          <Paragraph>{b.importing}</Paragraph>
        ) : null}
      </div>

      {programmeId && programme ? (
        <>
          <section className="grip-panel" aria-labelledby="budget-import-heading">
            <Heading level={2} appearance={3} id="budget-import-heading" className="grip-panel__title">
              {b.importHeading}
            </Heading>
            <Paragraph>{b.importIntro}</Paragraph>
            <ErrorSummary
              items={[...(fileError ? [{ fieldId: 'budgetFile', message: fileError }] : []), ...problems]}
              focusKey={attempt}
            />
            <form className="grip-form grip-narrow" noValidate onSubmit={submit}>
              <div
                className={`utrecht-form-field grip-field${fileError ? ' utrecht-form-field--invalid' : ''}`}
              >
                <div className="utrecht-form-field__label">
                  <label className="utrecht-form-label" htmlFor="budgetFile">
                    {b.file}
                  </label>
                </div>
                <div
                  className="utrecht-form-field-description grip-field__description"
                  id="budgetFile-description"
                >
                  {b.fileHint}
                </div>
                <FieldError id="budgetFile" error={fileError} />
                <div className="utrecht-form-field__input">
                  <input
                    ref={fileInput}
                    id="budgetFile"
                    name="budgetFile"
                    type="file"
                    accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    aria-describedby={`${fileError ? 'budgetFile-error ' : ''}budgetFile-description`}
                    aria-invalid={fileError ? true : undefined}
                    aria-required="true"
                  />
                </div>
              </div>
              <SelectField
                id="stage"
                label={b.stage}
                description={b.stageHint}
                value={stage}
                onChange={(e) => setStage(e.target.value as BudgetStage)}
                options={BUDGET_STAGES.map((s) => ({ value: s, label: b.stages[s]! }))}
              />
              <div className="grip-button-group utrecht-button-group">
                <Button type="submit" appearance="primary-action" busy={busy}>
                  {b.submit}
                </Button>
              </div>
            </form>
          </section>

          <section className="grip-section" aria-labelledby="budget-totals-heading">
            <Heading level={2} id="budget-totals-heading">
              {b.totalsHeading}
            </Heading>
            {overview && overview.totals.length === 0 ? <Paragraph>{b.noTotals}</Paragraph> : null}
            {overview && overview.totals.length > 0 ? (
              <>
                <Table caption={b.totalsCaption(programme.code)}>
                  <thead className="utrecht-table__header">
                    <tr className="utrecht-table__row">
                      <HeaderCell>{b.year}</HeaderCell>
                      {(['lasten', 'baten', 'saldo', 'storting', 'onttrekking', 'resultaat'] as const).map(
                        (k) => (
                          <HeaderCell key={k} className="grip-number">
                            {b[k]}
                          </HeaderCell>
                        ),
                      )}
                    </tr>
                  </thead>
                  <TableBody>
                    {overview.totals.map((x) => (
                      <tr key={`${x.year}-${x.stage}`} className="utrecht-table__row">
                        <RowHeaderCell className="grip-wrap">
                          {x.year} {b.stages[x.stage]}
                          {x.mismatch ? (
                            <>
                              <br />
                              <span className="grip-muted">{b.mismatch}</span>
                            </>
                          ) : null}
                        </RowHeaderCell>
                        <Cell className="grip-number">{amount(x.lasten)}</Cell>
                        <Cell className="grip-number">{amount(x.baten)}</Cell>
                        <Cell className="grip-number">{amount(x.saldo)}</Cell>
                        <Cell className="grip-number">{amount(x.storting)}</Cell>
                        <Cell className="grip-number">{amount(x.onttrekking)}</Cell>
                        <Cell className="grip-number">{amount(x.resultaat)}</Cell>
                      </tr>
                    ))}
                  </TableBody>
                </Table>
                <div className="grip-downloads">
                  <PlainLink href={budgetExportUrl(programmeId, 'csv')} download>
                    {b.downloadCsv}
                  </PlainLink>
                  <PlainLink href={budgetExportUrl(programmeId, 'xlsx')} download>
                    {b.downloadXlsx}
                  </PlainLink>
                </div>
                <nav aria-label={b.progressLinks}>
                  <ul className="utrecht-unordered-list">
                    {years.map((year) => (
                      <li key={year} className="utrecht-unordered-list__item">
                        <Link
                          to={withQuery(PROGRESS_REPORT_PATH, { programma: programmeId, jaar: String(year) })}
                        >
                          {b.progressLink(year)}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </nav>
              </>
            ) : null}
          </section>
        </>
      ) : null}
    </div>
  );
}
