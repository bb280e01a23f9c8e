import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { DateField, SelectField } from '../components/FormField.tsx';
import { PlainLink } from '../components/Link.tsx';
import { Cell, HeaderCell, RowHeaderCell, Table, TableBody } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { formatDateInput, parseDateInput, todayIso } from '../format.ts';
import { errorText, fieldErrorsFrom, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n, type Lang } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/nl.ts';
import {
  intakeApi,
  REPORT_DIMENSIONS,
  reportExportUrl,
  type Report,
  type ReportCategory,
  type ReportCell,
  type ReportDimension,
} from '../intake-api.ts';
import { navigate, useLocation, withQuery } from '../router.tsx';

const startOfYear = () => `${todayIso().slice(0, 4)}-01-01`;

/** A category's name: the API gives Dutch names; codes with a fixed meaning are translated here. */
function categoryLabel(
  dimension: ReportDimension,
  category: ReportCategory,
  t: Messages,
  lang: Lang,
): string {
  if (lang === 'nl') return category.label;
  const table: Record<string, string> | undefined =
    dimension === 'type'
      ? t.labels.questionTypes
      : dimension === 'channel'
        ? t.labels.channels
        : dimension === 'outcome'
          ? { ...t.labels.triageOutcomes, 'geen-triage': t.report.noTriage }
          : dimension === 'wijk'
            ? { onbekend: t.report.unknownWijk }
            : undefined;
  return table?.[category.key] ?? category.label;
}

function CellText({ value }: { value: ReportCell }) {
  const { t, lang } = useI18n();
  if (value === 'x')
    return (
      <>
        <span aria-hidden="true">x</span>
        <span className="grip-visually-hidden">{t.report.hidden}</span>
      </>
    );
  if (value === '<10')
    return (
      <>
        <span aria-hidden="true">&lt;10</span>
        <span className="grip-visually-hidden">{t.report.lessThanTen}</span>
      </>
    );
  return <>{value.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB')}</>;
}

export function ReportPage() {
  const { t, lang, formatDate } = useI18n();
  const r = t.report;
  usePageTitle(r.title);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const { query } = useLocation();
  const fromDate = query.get('van') || startOfYear();
  const toDate = query.get('tot') || todayIso();
  const rows = (query.get('rijen') as ReportDimension | null) ?? 'type';
  const columns = (query.get('kolommen') as ReportDimension | null) ?? '';
  const groupBy = columns && columns !== rows ? `${rows},${columns}` : rows;

  const [form, setForm] = useState({
    fromDate: formatDateInput(fromDate),
    toDate: formatDateInput(toDate),
    rows: rows as string,
    columns: columns as string,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    setForm({
      fromDate: formatDateInput(fromDate),
      toDate: formatDateInput(toDate),
      rows,
      columns,
    });
  }, [fromDate, toDate, rows, columns]);

  useEffect(() => {
    const controller = new AbortController();
    setLoadError(null);
    setReport(null);
    intakeApi
      .report({ fromDate, toDate, groupBy }, controller.signal)
      .then(({ data }) => setReport(data))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const { t, lang } = texts.current;
        if (error instanceof ApiError && error.fields.length > 0) {
          const split = fieldErrorsFrom(error.fields, lang, {
            'query.fromDate': 'fromDate',
            'query.toDate': 'toDate',
            'query.groupBy': 'rows',
          });
          setErrors(split.fields);
          setGeneral(split.general);
          setAttempt((n) => n + 1);
          setLoadError(t.report.fixFilters);
        } else {
          setLoadError(errorText(error, t, lang));
        }
      });
    return () => controller.abort();
  }, [fromDate, toDate, groupBy]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const from = parseDateInput(form.fromDate);
    const to = parseDateInput(form.toDate);
    if (!form.fromDate.trim()) found.fromDate = r.fromRequired;
    else if (!from) found.fromDate = t.common.dateInvalid;
    if (!form.toDate.trim()) found.toDate = r.toRequired;
    else if (!to) found.toDate = t.common.dateInvalid;
    if (from && to && to < from) found.toDate = r.toBeforeFrom;
    if (form.columns && form.columns === form.rows) found.columns = r.sameDimension;
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    navigate(
      withQuery('/rapportage/hulpvragen', {
        van: from!,
        tot: to!,
        rijen: form.rows,
        kolommen: form.columns || undefined,
      }),
    );
  };

  const dimensionOptions = REPORT_DIMENSIONS.map((d) => ({ value: d, label: r.dimensions[d] }));
  const exportParams = { fromDate, toDate, groupBy };
  const rowDimension = report?.groupBy[0] ?? rows;
  const columnDimension = report?.groupBy[1] ?? null;
  const caption = report
    ? r.caption(
        r.dimensions[rowDimension],
        columnDimension ? r.dimensions[columnDimension] : null,
        formatDate(report.fromDate),
        formatDate(report.toDate),
      )
    : '';

  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{r.title}</PageTitle>
        <Paragraph lead>{r.intro}</Paragraph>
      </div>
      <section className="grip-panel" aria-labelledby="report-filters-heading">
        <Heading level={2} appearance={3} id="report-filters-heading" className="grip-panel__title">
          {r.filtersHeading}
        </Heading>
        <ErrorSummary
          items={summaryItems(['fromDate', 'toDate', 'rows', 'columns'], errors, general)}
          focusKey={attempt}
        />
        <form className="grip-form grip-form--grid" noValidate onSubmit={submit}>
          <DateField
            id="fromDate"
            label={r.fromDate}
            value={form.fromDate}
            onChange={(e) => setForm({ ...form, fromDate: e.target.value })}
            error={errors.fromDate}
          />
          <DateField
            id="toDate"
            label={r.toDate}
            value={form.toDate}
            onChange={(e) => setForm({ ...form, toDate: e.target.value })}
            error={errors.toDate}
          />
          <SelectField
            id="rows"
            label={r.rows}
            value={form.rows}
            onChange={(e) => setForm({ ...form, rows: e.target.value })}
            error={errors.rows}
            options={dimensionOptions}
          />
          <SelectField
            id="columns"
            label={r.columns}
            description={r.columnsHint}
            optional
            value={form.columns}
            onChange={(e) => setForm({ ...form, columns: e.target.value })}
            error={errors.columns}
            options={[{ value: '', label: r.noColumns }, ...dimensionOptions]}
          />
          <div className="grip-button-group utrecht-button-group">
            <Button type="submit" appearance="primary-action">
              {r.apply}
            </Button>
          </div>
        </form>
      </section>

      <section className="grip-section" aria-labelledby="report-heading">
        <Heading level={2} id="report-heading">
          {r.resultHeading}
        </Heading>
        <div role="status" className="grip-live-region">
          {loadError ? (
            <Alert type="error">
              <Paragraph>{loadError}</Paragraph>
            </Alert>
          ) : report ? null : (
            <Paragraph>{t.common.loading}</Paragraph>
          )}
        </div>
        {report ? (
          <>
            <Table caption={caption}>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <HeaderCell>{r.dimensions[rowDimension]}</HeaderCell>
                  {report.columns.map((column) => (
                    <HeaderCell key={column.key} className="grip-number grip-wrap">
                      {categoryLabel(columnDimension!, column, t, lang)}
                    </HeaderCell>
                  ))}
                  <HeaderCell className="grip-number grip-wrap">{r.total}</HeaderCell>
                </tr>
              </thead>
              <TableBody>
                {report.rows.map((row) => (
                  <tr key={row.key} className="utrecht-table__row">
                    <RowHeaderCell>{categoryLabel(rowDimension, row, t, lang)}</RowHeaderCell>
                    {row.cells.map((cell, index) => (
                      <Cell key={report.columns[index]?.key ?? index} className="grip-number">
                        <CellText value={cell} />
                      </Cell>
                    ))}
                    <Cell className="grip-number">
                      <CellText value={row.total} />
                    </Cell>
                  </tr>
                ))}
                <tr className="utrecht-table__row grip-total-row">
                  <RowHeaderCell>{r.allQuestions}</RowHeaderCell>
                  {report.totals.cells.map((cell, index) => (
                    <Cell key={report.columns[index]?.key ?? index} className="grip-number">
                      <CellText value={cell} />
                    </Cell>
                  ))}
                  <Cell className="grip-number">
                    <CellText value={report.totals.total} />
                  </Cell>
                </tr>
              </TableBody>
            </Table>
            <ul className="utrecht-unordered-list grip-notes">
              <li className="utrecht-unordered-list__item">{report.meta.suppression[lang]}</li>
              <li className="utrecht-unordered-list__item">{report.meta.counting[lang]}</li>
              <li className="utrecht-unordered-list__item">{report.meta.period[lang]}</li>
            </ul>
            <div className="grip-downloads">
              <PlainLink href={reportExportUrl('csv', exportParams)} download>
                {r.downloadCsv}
              </PlainLink>
              <PlainLink href={reportExportUrl('xlsx', exportParams)} download>
                {r.downloadXlsx}
              </PlainLink>
            </div>
          </>
        ) : null}
      </section>
    </div>
  );
}
