import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { DateField, SelectField, TextAreaField, TextField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { parseDateInput } from '../format.ts';
import { errorText, formErrorsFrom, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation, withQuery } from '../router.tsx';
import {
  steeringApi,
  steeringEditApi,
  steeringStructureApi,
  type InterventionStatus,
  type ProgrammeDetail,
  type ProgrammeSummary,
  type SteeringIndicator,
} from '../steering-api.ts';
import { STEERING_PATH } from './SteeringPage.tsx';

export const STEERING_EDIT_PATH = '/sturing/bewerken';

/** The status steps the server allows (docs/api/steering.md); the last three are final. */
const NEXT_STATUSES: Record<InterventionStatus, InterventionStatus[]> = {
  gepland: ['gestart', 'niet-gestart'],
  gestart: ['afgerond', 'gestopt'],
  afgerond: [],
  gestopt: [],
  'niet-gestart': [],
};

interface FieldSpec {
  /** The input id, unique on the page. */
  id: string;
  /** The API field whose invalidParams belong to this input. */
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'select' | 'date';
  optional?: boolean;
  description?: string;
  options?: { value: string; label: string }[];
  inputMode?: 'numeric' | 'decimal';
}

/** Problems found before sending (a number or date that cannot be read), keyed by input id. */
class FormProblems extends Error {
  readonly fields: FieldErrors;
  readonly general: string[];
  constructor(fields: FieldErrors, general: string[] = []) {
    super('form problems');
    this.fields = fields;
    this.general = general;
  }
}

type Values = Record<string, string>;

/**
 * One editing form: its fields, an error summary that takes focus, the server's invalidParams at their
 * fields, and a confirmation in a live region. `submit` returns the confirmation text.
 */
function EditForm({
  id,
  title,
  level = 2,
  intro,
  initial,
  fields,
  submitLabel,
  submit,
}: {
  id: string;
  title: string;
  level?: 2 | 3;
  intro?: string;
  initial: Values;
  fields: (values: Values) => FieldSpec[];
  submitLabel: string;
  submit: (values: Values) => Promise<string>;
}) {
  const { t, lang } = useI18n();
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const specs = fields(values);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setDone(null);
    try {
      const message = await submit(values);
      setErrors({});
      setGeneral([]);
      setValues(initial);
      setDone(message);
    } catch (error: unknown) {
      if (error instanceof FormProblems) {
        setErrors(error.fields);
        setGeneral(error.general);
      } else {
        const ids = Object.fromEntries(specs.map((f) => [f.name, f.id]));
        const result = formErrorsFrom(error, t, lang, ids);
        setErrors(result.fields);
        setGeneral(result.general);
      }
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  };

  const set = (fieldId: string, value: string) => setValues((v) => ({ ...v, [fieldId]: value }));
  const items = summaryItems(
    specs.map((f) => f.id),
    errors,
    general,
  );

  return (
    <section aria-labelledby={`${id}-heading`} className="grip-section">
      <Heading level={level} id={`${id}-heading`}>
        {title}
      </Heading>
      {intro ? <Paragraph>{intro}</Paragraph> : null}
      <ErrorSummary items={items} focusKey={focusKey} />
      <form className="grip-form" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-heading`}>
        {specs.map((f) => {
          const common = {
            id: f.id,
            label: f.label,
            description: f.description,
            optional: f.optional,
            error: errors[f.id],
            value: values[f.id] ?? '',
          };
          if (f.kind === 'select')
            return (
              <SelectField
                key={f.id}
                {...common}
                options={f.options ?? []}
                onChange={(e) => set(f.id, e.target.value)}
              />
            );
          if (f.kind === 'textarea')
            return (
              <TextAreaField key={f.id} {...common} rows={3} onChange={(e) => set(f.id, e.target.value)} />
            );
          if (f.kind === 'date')
            return <DateField key={f.id} {...common} onChange={(e) => set(f.id, e.target.value)} />;
          return (
            <TextField
              key={f.id}
              {...common}
              inputMode={f.inputMode}
              onChange={(e) => set(f.id, e.target.value)}
            />
          );
        })}
        <div className="grip-button-group utrecht-button-group">
          <Button type="submit" disabled={busy}>
            {submitLabel}
          </Button>
        </div>
      </form>
      <div role="status" className="grip-live-region">
        {done ? (
          <Alert type="ok">
            <Paragraph>{done}</Paragraph>
          </Alert>
        ) : null}
      </div>
    </section>
  );
}

/** Reads a number typed the Dutch way (comma or point); '' is undefined. */
function readNumber(text: string): number | undefined | null {
  const value = text.trim().replace(/\s/g, '');
  if (value === '') return undefined;
  // 12,5 and 1.250,75 the Dutch way; 12.500 (points as thousands separators) is twelve thousand five hundred.
  const normalised =
    value.includes(',') || /^-?\d{1,3}(\.\d{3})+$/.test(value)
      ? value.replace(/\./g, '').replace(',', '.')
      : value;
  const number = Number(normalised);
  return Number.isFinite(number) ? number : null;
}

/** The beleidsadviseur's editing screen: programme structure, intervention status, indicator targets and realisations. */
export function SteeringEditPage() {
  const { t, lang } = useI18n();
  const e = t.steering.edit;
  usePageTitle(e.title);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const { query } = useLocation();
  const programmeId = query.get('programma') ?? '';
  const [programmes, setProgrammes] = useState<ProgrammeSummary[] | null>(null);
  const [chosen, setChosen] = useState(programmeId);
  const [programme, setProgramme] = useState<ProgrammeDetail | null>(null);
  const [indicators, setIndicators] = useState<SteeringIndicator[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const reload = useCallback(() => setReloadKey((k) => k + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    steeringApi
      .programmes(controller.signal)
      .then(({ data }) => setProgrammes(data.items))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorText(error, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, [programmeId]);

  useEffect(() => {
    setChosen(programmeId);
    if (!programmeId) return;
    const controller = new AbortController();
    Promise.all([
      steeringStructureApi.programme(programmeId, controller.signal),
      steeringStructureApi.indicators(programmeId, controller.signal),
    ])
      .then(([p, i]) => {
        setLoadError(null);
        setProgramme(p.data);
        setIndicators(i.data.items);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const { t, lang } = texts.current;
        setLoadError(
          error instanceof ApiError && error.status === 404
            ? t.steering.progress.notFound
            : errorText(error, t, lang),
        );
      });
    return () => controller.abort();
  }, [programmeId, reloadKey]);

  const choose = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) navigate(withQuery(STEERING_EDIT_PATH, { programma: chosen }));
  };

  const shown = programme && programme.id === programmeId ? programme : null;
  const goalOptions = [
    { value: '', label: e.noGoal },
    ...(shown?.goals.map((g) => ({ value: g.id, label: `${g.code} ${g.name}` })) ?? []),
  ];
  const themeOptions = [
    { value: '', label: e.chooseTheme },
    ...(shown?.themes.map((x) => ({ value: x.id, label: `${x.code} ${x.name}` })) ?? []),
  ];
  const open = shown?.interventions.filter((v) => NEXT_STATUSES[v.status].length > 0) ?? [];
  const statusText = (s: InterventionStatus): string => t.steering.progress.interventionStatuses[s] ?? s;

  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{e.title}</PageTitle>
        <Paragraph lead>{e.intro}</Paragraph>
      </div>
      {programmes && programmes.length > 0 ? (
        <form className="grip-form grip-form--grid" noValidate onSubmit={choose} aria-label={e.programme}>
          <SelectField
            id="edit-programme"
            label={e.programme}
            value={chosen}
            onChange={(ev) => setChosen(ev.target.value)}
            options={[
              { value: '', label: e.chooseProgramme },
              ...programmes.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` })),
            ]}
          />
          <div className="grip-button-group utrecht-button-group">
            <Button type="submit">{t.steering.structure.show}</Button>
          </div>
        </form>
      ) : null}
      <div role="status" className="grip-live-region">
        {loadError ? (
          <Alert type="error">
            <Paragraph>{loadError}</Paragraph>
          </Alert>
        ) : programmeId && !shown ? (
          <Paragraph>{t.common.loading}</Paragraph>
        ) : null}
      </div>

      {shown ? (
        <>
          <Paragraph>
            <Link to={withQuery(STEERING_PATH, { programma: shown.id })}>
              {e.backTo(shown.code, shown.name)}
            </Link>
          </Paragraph>

          <EditForm
            key={`goal-${shown.id}`}
            id="goal"
            title={e.goalHeading}
            initial={{}}
            submitLabel={e.addGoal}
            fields={() => [
              { id: 'goal-code', name: 'code', label: e.code },
              { id: 'goal-name', name: 'name', label: e.name },
              {
                id: 'goal-current',
                name: 'currentSituation',
                label: t.steering.structure.ist,
                kind: 'textarea',
                optional: true,
              },
              {
                id: 'goal-desired',
                name: 'desiredSituation',
                label: t.steering.structure.soll,
                kind: 'textarea',
                optional: true,
              },
            ]}
            submit={async (v) => {
              const { data } = await steeringEditApi.createGoal(shown.id, {
                code: v['goal-code'] ?? '',
                name: v['goal-name'] ?? '',
                currentSituation: v['goal-current'] || undefined,
                desiredSituation: v['goal-desired'] || undefined,
              });
              reload();
              return e.goalAdded(data.code, data.name);
            }}
          />

          <EditForm
            key={`theme-${shown.id}`}
            id="theme"
            title={e.themeHeading}
            initial={{}}
            submitLabel={e.addTheme}
            fields={() => [
              { id: 'theme-code', name: 'code', label: e.code },
              { id: 'theme-name', name: 'name', label: e.name },
              {
                id: 'theme-goal',
                name: 'societalGoalId',
                label: e.goal,
                kind: 'select',
                optional: true,
                options: goalOptions,
              },
              {
                id: 'theme-taakveld',
                name: 'taakveld',
                label: e.taakveld,
                description: e.taakveldHint,
                optional: true,
              },
            ]}
            submit={async (v) => {
              const { data } = await steeringEditApi.createTheme(shown.id, {
                code: v['theme-code'] ?? '',
                name: v['theme-name'] ?? '',
                societalGoalId: v['theme-goal'] || null,
                taakveld: v['theme-taakveld']?.trim() || null,
              });
              reload();
              return e.themeAdded(data.code, data.name);
            }}
          />

          <EditForm
            key={`intervention-${shown.id}`}
            id="intervention"
            title={e.interventionHeading}
            initial={{}}
            submitLabel={e.addIntervention}
            fields={() => [
              {
                id: 'intervention-theme',
                name: 'themeId',
                label: e.theme,
                kind: 'select',
                options: themeOptions,
              },
              { id: 'intervention-name', name: 'name', label: e.name },
              { id: 'intervention-owner', name: 'owner', label: e.owner, description: e.ownerHint },
              {
                id: 'intervention-starts',
                name: 'startsOn',
                label: e.startsOn,
                kind: 'date',
                optional: true,
              },
              { id: 'intervention-ends', name: 'endsOn', label: e.endsOn, kind: 'date', optional: true },
              {
                id: 'intervention-budget',
                name: 'budgetCents',
                label: e.budgetEuro,
                optional: true,
                inputMode: 'decimal',
              },
              {
                id: 'intervention-expected',
                name: 'expectedResult',
                label: e.expectedResult,
                kind: 'textarea',
                optional: true,
              },
            ]}
            submit={async (v) => {
              const problems: FieldErrors = {};
              const startsOn = v['intervention-starts']?.trim()
                ? parseDateInput(v['intervention-starts'])
                : undefined;
              const endsOn = v['intervention-ends']?.trim()
                ? parseDateInput(v['intervention-ends'])
                : undefined;
              const budget = readNumber(v['intervention-budget'] ?? '');
              if (startsOn === null) problems['intervention-starts'] = t.common.dateInvalid;
              if (endsOn === null) problems['intervention-ends'] = t.common.dateInvalid;
              if (budget === null) problems['intervention-budget'] = e.numberInvalid;
              if (Object.keys(problems).length > 0) throw new FormProblems(problems);
              const { data } = await steeringEditApi.createIntervention(shown.id, {
                themeId: v['intervention-theme'] ?? '',
                name: v['intervention-name'] ?? '',
                owner: v['intervention-owner'] ?? '',
                startsOn: startsOn ?? undefined,
                endsOn: endsOn ?? undefined,
                budgetCents: budget === undefined ? undefined : Math.round(budget! * 100),
                expectedResult: v['intervention-expected'] || undefined,
              });
              reload();
              return e.interventionAdded(data.name);
            }}
          />

          <EditForm
            key={`status-${shown.id}`}
            id="status"
            title={e.statusHeading}
            intro={open.length === 0 ? e.noOpenInterventions : e.statusIntro}
            initial={{}}
            submitLabel={e.saveStatus}
            fields={(v) => {
              const current = open.find((x) => x.id === v['status-intervention']);
              const next = current ? NEXT_STATUSES[current.status] : [];
              const status = v['status-new'];
              return [
                {
                  id: 'status-intervention',
                  name: 'interventionId',
                  label: e.intervention,
                  kind: 'select',
                  options: [
                    { value: '', label: e.chooseIntervention },
                    ...open.map((x) => ({ value: x.id, label: `${x.name} (${statusText(x.status)})` })),
                  ],
                },
                {
                  id: 'status-new',
                  name: 'status',
                  label: e.newStatus,
                  kind: 'select',
                  options: [
                    { value: '', label: e.chooseStatus },
                    ...next.map((s) => ({ value: s, label: statusText(s) })),
                  ],
                },
                ...(status === 'afgerond'
                  ? [
                      {
                        id: 'status-achieved',
                        name: 'achievedResult',
                        label: e.achievedResult,
                        description: e.achievedResultHint,
                        kind: 'textarea' as const,
                      },
                    ]
                  : []),
                ...(status === 'gestopt' || status === 'niet-gestart'
                  ? [
                      {
                        id: 'status-reason',
                        name: 'statusReason',
                        label: e.statusReason,
                        description: e.statusReasonHint,
                        kind: 'textarea' as const,
                      },
                    ]
                  : []),
              ];
            }}
            submit={async (v) => {
              const current = open.find((x) => x.id === v['status-intervention']);
              const status = v['status-new'] as InterventionStatus | '';
              const problems: FieldErrors = {};
              if (!current) problems['status-intervention'] = e.chooseInterventionError;
              if (!status) problems['status-new'] = e.chooseStatusError;
              if (!current || !status) throw new FormProblems(problems);
              try {
                const { data } = await steeringEditApi.changeIntervention(current.id, current.version, {
                  status,
                  ...(status === 'afgerond' ? { achievedResult: v['status-achieved'] ?? '' } : {}),
                  ...(status === 'gestopt' || status === 'niet-gestart'
                    ? { statusReason: v['status-reason'] ?? '' }
                    : {}),
                });
                reload();
                return e.statusSaved(data.name, statusText(data.status));
              } catch (error) {
                if (error instanceof ApiError && (error.status === 412 || error.status === 409)) reload();
                if (error instanceof ApiError && error.status === 412)
                  throw new FormProblems({}, [e.changedMeanwhile]);
                throw error;
              }
            }}
          />

          <IndicatorForms indicators={indicators ?? []} onChanged={reload} />
        </>
      ) : null}

      <EditForm
        id="programme"
        title={e.programmeHeading}
        initial={{}}
        submitLabel={e.addProgramme}
        fields={() => [
          { id: 'programme-code', name: 'code', label: e.code },
          { id: 'programme-name', name: 'name', label: e.name },
          { id: 'programme-first', name: 'firstYear', label: e.firstYear, inputMode: 'numeric' },
          { id: 'programme-last', name: 'lastYear', label: e.lastYear, inputMode: 'numeric' },
          {
            id: 'programme-description',
            name: 'description',
            label: e.description,
            kind: 'textarea',
            optional: true,
          },
        ]}
        submit={async (v) => {
          const problems: FieldErrors = {};
          const first = readYear(v['programme-first']);
          const last = readYear(v['programme-last']);
          if (first === null) problems['programme-first'] = e.yearInvalid;
          if (last === null) problems['programme-last'] = e.yearInvalid;
          if (first === null || last === null) throw new FormProblems(problems);
          const { data } = await steeringEditApi.createProgramme({
            code: v['programme-code'] ?? '',
            name: v['programme-name'] ?? '',
            firstYear: first,
            lastYear: last,
            description: v['programme-description'] || undefined,
          });
          navigate(withQuery(STEERING_EDIT_PATH, { programma: data.id }));
          return e.programmeAdded(data.code, data.name);
        }}
      />
    </div>
  );
}

function readYear(text: string | undefined): number | null {
  const value = (text ?? '').trim();
  return /^\d{4}$/.test(value) ? Number(value) : null;
}

/** Target per year (every indicator) and realisations (external indicators only; computed ones say so). */
function IndicatorForms({
  indicators,
  onChanged,
}: {
  indicators: SteeringIndicator[];
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const e = t.steering.edit;
  const [indicatorId, setIndicatorId] = useState('');
  const indicator = indicators.find((i) => i.id === indicatorId) ?? null;
  return (
    <section aria-labelledby="indicator-heading" className="grip-section">
      <Heading level={2} id="indicator-heading">
        {e.indicatorHeading}
      </Heading>
      {indicators.length === 0 ? (
        <Paragraph>{t.steering.structure.noIndicators}</Paragraph>
      ) : (
        <SelectField
          id="indicator-choice"
          label={e.indicator}
          value={indicatorId}
          onChange={(ev) => setIndicatorId(ev.target.value)}
          options={[
            { value: '', label: e.chooseIndicator },
            ...indicators.map((i) => ({ value: i.id, label: `${i.code} ${i.name}` })),
          ]}
        />
      )}
      {indicator ? (
        <div className="grip-stack--tight" key={indicator.id}>
          <Paragraph>
            {indicator.unit ? e.unit(t.steering.edit.units[indicator.unit]) : e.noUnit}{' '}
            {indicator.definition
              ? t.steering.structure.computed(indicator.definition.name)
              : t.steering.structure.external(indicator.sourceName ?? '')}
          </Paragraph>
          <SubForm
            id="target"
            title={e.targetHeading}
            submitLabel={e.saveTarget}
            fields={[
              { id: 'target-year', name: 'year', label: e.year, inputMode: 'numeric' },
              { id: 'target-value', name: 'value', label: e.value, inputMode: 'decimal' },
            ]}
            submit={async (v) => {
              const problems: FieldErrors = {};
              const year = readYear(v['target-year']);
              const value = readNumber(v['target-value'] ?? '');
              if (year === null) problems['target-year'] = e.yearInvalid;
              if (value === null || value === undefined) problems['target-value'] = e.numberInvalid;
              if (year === null || value === null || value === undefined) throw new FormProblems(problems);
              await steeringEditApi.setTarget(indicator.id, year, value);
              onChanged();
              return e.targetSaved(year);
            }}
          />
          {indicator.sourceKind === 'berekend' ? (
            <Alert type="info">
              <Paragraph>{e.computedNoRealisation}</Paragraph>
            </Alert>
          ) : (
            <SubForm
              id="realisation"
              title={e.realisationHeading}
              submitLabel={e.addRealisation}
              fields={[
                { id: 'realisation-start', name: 'periodStart', label: e.periodStart, kind: 'date' },
                { id: 'realisation-end', name: 'periodEnd', label: e.periodEnd, kind: 'date' },
                { id: 'realisation-value', name: 'value', label: e.value, inputMode: 'decimal' },
                { id: 'realisation-source', name: 'source', label: e.source, description: e.sourceHint },
              ]}
              submit={async (v) => {
                const problems: FieldErrors = {};
                const start = parseDateInput(v['realisation-start'] ?? '');
                const end = parseDateInput(v['realisation-end'] ?? '');
                const value = readNumber(v['realisation-value'] ?? '');
                if (!start) problems['realisation-start'] = t.common.dateInvalid;
                if (!end) problems['realisation-end'] = t.common.dateInvalid;
                if (value === null || value === undefined) problems['realisation-value'] = e.numberInvalid;
                if (!start || !end || value === null || value === undefined) throw new FormProblems(problems);
                await steeringEditApi.addRealisation(indicator.id, {
                  periodStart: start,
                  periodEnd: end,
                  value,
                  source: v['realisation-source'] ?? '',
                });
                onChanged();
                return e.realisationAdded;
              }}
            />
          )}
        </div>
      ) : null}
    </section>
  );
}

/** A form under the indicator section (heading level 3). */
function SubForm(props: {
  id: string;
  title: string;
  submitLabel: string;
  fields: FieldSpec[];
  submit: (values: Values) => Promise<string>;
}) {
  return (
    <EditForm
      id={props.id}
      title={props.title}
      level={3}
      initial={{}}
      submitLabel={props.submitLabel}
      fields={() => props.fields}
      submit={props.submit}
    />
  );
}
