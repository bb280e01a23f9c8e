import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../components/FormField.tsx';
import { PlainLink } from '../components/Link.tsx';
import { SteeringProgressReport } from '../components/SteeringProgressReport.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { todayIso } from '../format.ts';
import { errorText, fieldErrorsFrom, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation, withQuery } from '../router.tsx';
import {
  progressReportUrl,
  steeringApi,
  type ProgrammeSummary,
  type ProgressReport,
} from '../steering-api.ts';

export const PROGRESS_REPORT_PATH = '/sturing/voortgangsrapportage';

/** The progress report per programme and year: choose both, read it on screen, download PDF or XLSX. */
export function SteeringProgressReportPage() {
  const { t, lang, formatDate } = useI18n();
  const p = t.steering.progress;
  usePageTitle(p.title);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const { query } = useLocation();
  const programmeId = query.get('programma') ?? '';
  const yearText = query.get('jaar') ?? '';
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;

  const [programmes, setProgrammes] = useState<ProgrammeSummary[] | null>(null);
  const [form, setForm] = useState({ programme: programmeId, year: yearText });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [report, setReport] = useState<ProgressReport | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    steeringApi
      .programmes(controller.signal)
      .then(({ data }) => {
        setProgrammes(data.items);
        if (!programmeId && data.items.length > 0)
          setForm((f) => (f.programme ? f : { ...f, programme: data.items[0]!.id }));
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLoadError(errorText(error, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, [programmeId]);

  useEffect(() => {
    setForm({ programme: programmeId, year: yearText });
  }, [programmeId, yearText]);

  useEffect(() => {
    setReport(null);
    if (!programmeId || year === null) return;
    const controller = new AbortController();
    setLoadError(null);
    steeringApi
      .progressReport(programmeId, year, controller.signal)
      .then(({ data }) => setReport(data))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const { t, lang } = texts.current;
        if (error instanceof ApiError && error.fields.length > 0) {
          const split = fieldErrorsFrom(error.fields, lang, {
            'query.year': 'year',
            programmeId: 'programme',
          });
          setErrors(split.fields);
          setGeneral(split.general);
          setAttempt((n) => n + 1);
        } else if (error instanceof ApiError && error.status === 404) {
          setLoadError(t.steering.progress.notFound);
        } else {
          setLoadError(errorText(error, t, lang));
        }
      });
    return () => controller.abort();
  }, [programmeId, year]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const typed = form.year.trim();
    if (!form.programme) found.programme = p.programmeRequired;
    if (!typed) found.year = p.yearRequired;
    else if (!/^\d{4}$/.test(typed) || Number(typed) < 2000 || Number(typed) > 2100)
      found.year = p.yearInvalid;
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    navigate(withQuery(PROGRESS_REPORT_PATH, { programma: form.programme, jaar: typed }));
  };

  const options = (programmes ?? []).map((x) => ({ value: x.id, label: `${x.code} ${x.name}` }));

  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{p.title}</PageTitle>
        <Paragraph lead>{p.intro}</Paragraph>
      </div>
      <section className="grip-panel" aria-labelledby="progress-choose-heading">
        <Heading level={2} appearance={3} id="progress-choose-heading" className="grip-panel__title">
          {p.choose}
        </Heading>
        <ErrorSummary items={summaryItems(['programme', 'year'], errors, general)} focusKey={attempt} />
        {programmes && programmes.length === 0 ? (
          <Paragraph>{p.noProgrammes}</Paragraph>
        ) : (
          <form className="grip-form grip-form--grid" noValidate onSubmit={submit}>
            <SelectField
              id="programme"
              label={p.programme}
              value={form.programme}
              onChange={(e) => setForm({ ...form, programme: e.target.value })}
              error={errors.programme}
              options={[{ value: '', label: '' }, ...options]}
            />
            <TextField
              id="year"
              label={p.year}
              description={p.yearHint}
              inputMode="numeric"
              autoComplete="off"
              className="grip-input--year"
              value={form.year}
              placeholder={todayIso().slice(0, 4)}
              onChange={(e) => setForm({ ...form, year: e.target.value })}
              error={errors.year}
            />
            <div className="grip-button-group utrecht-button-group">
              <Button type="submit" appearance="primary-action">
                {p.show}
              </Button>
            </div>
          </form>
        )}
      </section>

      <section className="grip-section" aria-labelledby="progress-report-heading">
        <div role="status" className="grip-live-region">
          {loadError ? (
            <Alert type="error">
              <Paragraph>{loadError}</Paragraph>
            </Alert>
          ) : programmeId && year !== null && !report && Object.keys(errors).length === 0 ? (
            <Paragraph>{t.common.loading}</Paragraph>
          ) : null}
        </div>
        {report ? (
          <>
            <Heading level={2} id="progress-report-heading">
              {p.reportHeading(report.programme.code, report.programme.name, report.year)}
            </Heading>
            <Paragraph>{p.madeOn(report.municipalityName, formatDate(report.generatedDate))}</Paragraph>
            <div className="grip-downloads">
              <PlainLink href={progressReportUrl(report.programme.id, report.year, 'pdf')} download>
                {p.downloadPdf}
              </PlainLink>
              <PlainLink href={progressReportUrl(report.programme.id, report.year, 'xlsx')} download>
                {p.downloadXlsx}
              </PlainLink>
            </div>
            <SteeringProgressReport report={report} />
          </>
        ) : (
          <h2 id="progress-report-heading" className="grip-visually-hidden">
            {p.title}
          </h2>
        )}
      </section>
    </div>
  );
}
