import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { SelectField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import {
  indicatorFieldSpecs,
  indicatorInput,
  newIndicatorValues,
} from '../components/SteeringIndicatorFields.tsx';
import { SteeringConfirmDelete } from '../components/SteeringItemEditor.tsx';
import { SteeringMaintain } from '../components/SteeringMaintain.tsx';
import {
  EditForm,
  FormProblems,
  readNumber,
  readYear,
  type FieldSpec,
  type Values,
} from '../components/SteeringEditForm.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { formatDateInput, parseDateInput } from '../format.ts';
import { errorText, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation, withQuery } from '../router.tsx';
import {
  steeringApi,
  steeringEditApi,
  steeringStructureApi,
  type IndicatorDefinition,
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
  const [definitions, setDefinitions] = useState<IndicatorDefinition[]>([]);
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
    steeringStructureApi
      .definitions(controller.signal)
      .then(({ data }) => setDefinitions(data.items))
      .catch(() => {
        // Without definitions only external indicators can be added; the load error above says enough.
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

          <EditForm
            key={`new-indicator-${shown.id}`}
            id="new-indicator"
            title={e.newIndicatorHeading}
            intro={e.newIndicatorIntro}
            initial={newIndicatorValues('ni')}
            submitLabel={e.addIndicator}
            fields={(v) =>
              indicatorFieldSpecs('ni', v, {
                t,
                lang,
                definitions,
                goals: shown.goals,
                themes: shown.themes,
              })
            }
            submit={async (v) => {
              const { data } = await steeringEditApi.createIndicator(indicatorInput('ni', v, t, 'create'));
              reload();
              return e.indicatorAdded(data.code, data.name);
            }}
          />

          <IndicatorForms indicators={indicators ?? []} onChanged={reload} />

          <SteeringMaintain
            key={`maintain-${shown.id}`}
            programme={shown}
            indicators={indicators ?? []}
            definitions={definitions}
            onChanged={reload}
            onProgrammeDeleted={() => {
              setProgramme(null);
              navigate(STEERING_EDIT_PATH);
            }}
          />
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
          <StoredValues indicator={indicator} onChanged={onChanged} />
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

/** The recorded targets and (for an external indicator) realisations, each with a confirmed delete. */
function StoredValues({ indicator, onChanged }: { indicator: SteeringIndicator; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const e = t.steering.edit;
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    setDone(null);
    try {
      await action();
      setDone(e.itemDeleted);
      onChanged();
    } catch (err: unknown) {
      setError(errorText(err, t, lang));
    }
  };
  const stored = indicator.sourceKind === 'extern' ? indicator.realisations : [];
  if (indicator.targets.length === 0 && stored.length === 0) return null;
  const period = (r: { periodStart: string; periodEnd: string }) =>
    `${formatDateInput(r.periodStart)} – ${formatDateInput(r.periodEnd)}`;
  return (
    <div className="grip-stack--tight">
      {indicator.targets.length > 0 ? (
        <>
          <Heading level={3}>{e.targetsList}</Heading>
          <ul className="utrecht-unordered-list">
            {indicator.targets.map((x) => (
              <li key={x.year} className="utrecht-unordered-list__item">
                {x.year}: {x.value.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB')}{' '}
                <SteeringConfirmDelete
                  label={e.deleteTarget(x.year)}
                  question={e.confirmDeleteTarget(x.year)}
                  onConfirm={() => run(() => steeringEditApi.deleteTarget(indicator.id, x.year))}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {stored.length > 0 ? (
        <>
          <Heading level={3}>{e.realisationsList}</Heading>
          <ul className="utrecht-unordered-list">
            {stored.map((r) => (
              <li key={`${r.periodStart}-${r.periodEnd}`} className="utrecht-unordered-list__item">
                {period(r)}: {r.value?.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB')} ({r.source}){' '}
                <SteeringConfirmDelete
                  label={e.deleteRealisation(period(r))}
                  question={e.confirmDeleteRealisation(period(r))}
                  onConfirm={() =>
                    run(() => steeringEditApi.deleteRealisation(indicator.id, r.periodStart, r.periodEnd))
                  }
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div role="status" className="grip-live-region">
        {error ? (
          <Alert type="error">
            <Paragraph>{error}</Paragraph>
          </Alert>
        ) : done ? (
          <Alert type="ok">
            <Paragraph>{done}</Paragraph>
          </Alert>
        ) : null}
      </div>
    </div>
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
