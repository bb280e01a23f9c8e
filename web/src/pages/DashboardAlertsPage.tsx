import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { ChoiceField, SelectField, TextField } from '../components/FormField.tsx';
import { LoadingOrError } from '../components/LoadingOrError.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Cell, HeaderCell, RowHeaderCell, Table, TableBody } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { DashboardNav } from '../components/dashboard/DashboardNav.tsx';
import {
  ALERT_FIGURES,
  dashboardApi,
  type AlertFigure,
  type AlertRule,
  type AlertRuleInput,
  type FiredAlert,
} from '../dashboard-api.ts';
import { errorText, formErrorsFrom, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useCurrentSession } from '../session.tsx';
import { steeringApi, steeringStructureApi, type SteeringIndicator } from '../steering-api.ts';

export const ALERTS_PATH = '/dashboard/signalen';

const FIELD_IDS = {
  figure: 'rule-figure',
  thresholdPct: 'rule-threshold',
  taakveld: 'rule-taakveld',
  indicatorId: 'rule-indicator',
  active: 'rule-active',
};
const FIELD_ORDER = ['rule-figure', 'rule-threshold', 'rule-taakveld', 'rule-indicator', 'rule-active'];

interface Draft {
  figure: AlertFigure;
  threshold: string;
  taakveld: string;
  indicatorId: string;
  active: boolean;
}
const EMPTY: Draft = {
  figure: 'spending-above-budget',
  threshold: '5',
  taakveld: '',
  indicatorId: '',
  active: true,
};

/** Every indicator of every programme, for the "indicator off track" rule. */
async function allIndicators(signal: AbortSignal): Promise<SteeringIndicator[]> {
  const { data } = await steeringApi.programmes(signal);
  const lists = await Promise.all(
    data.items.map((p) => steeringStructureApi.indicators(p.id, signal).then((r) => r.data.items)),
  );
  const seen = new Map<string, SteeringIndicator>();
  for (const i of lists.flat()) seen.set(i.id, i);
  return [...seen.values()];
}

/**
 * Alerts on dashboard figures (issue 8, point 12) for the beleidsadviseur: the rules (add, change, remove)
 * and the alerts that fired. A breached rule notifies its owner in Grip.
 */
export function DashboardAlertsPage() {
  const { t, lang, formatDateTime } = useI18n();
  const d = t.dashboard;
  const a = d.alerts;
  usePageTitle(`${d.pages.alerts} - ${d.title}`);
  const session = useCurrentSession();
  const [rules, setRules] = useState<AlertRule[] | null>(null);
  const [fired, setFired] = useState<FiredAlert[] | null>(null);
  const [indicators, setIndicators] = useState<SteeringIndicator[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<AlertRule | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };

  const load = useCallback((signal?: AbortSignal) => {
    Promise.all([dashboardApi.alertRules(signal), dashboardApi.alerts(signal)])
      .then(([r, f]) => {
        setRules(r.data.items);
        setFired(f.data.items);
      })
      .catch((e: unknown) => {
        if (!signal?.aborted) setLoadError(errorText(e, texts.current.t, texts.current.lang));
      });
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    allIndicators(controller.signal)
      .then(setIndicators)
      .catch(() => {});
    return () => controller.abort();
  }, [load]);

  const startEdit = (rule: AlertRule | null) => {
    setEditing(rule);
    setFieldErrors({});
    setGeneral([]);
    setMessage(null);
    setDraft(
      rule
        ? {
            figure: rule.figure,
            threshold: rule.thresholdPct === null ? '' : String(rule.thresholdPct),
            taakveld: rule.taakveld ?? '',
            indicatorId: rule.indicatorId ?? '',
            active: rule.active,
          }
        : EMPTY,
    );
    document.getElementById('rule-form-heading')?.scrollIntoView();
  };

  const body = (): AlertRuleInput => {
    const offTrack = draft.figure === 'indicator-off-track';
    const threshold = draft.threshold.trim().replace(',', '.');
    return {
      figure: draft.figure,
      thresholdPct: offTrack || threshold === '' ? null : Number(threshold),
      taakveld:
        draft.figure === 'spending-above-budget' && draft.taakveld.trim() ? draft.taakveld.trim() : null,
      indicatorId: offTrack ? draft.indicatorId || null : null,
      ownerUserId: editing?.owner.userId ?? session.userId,
      active: draft.active,
    };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const threshold = draft.threshold.trim().replace(',', '.');
    if (draft.figure !== 'indicator-off-track' && (threshold === '' || !Number.isFinite(Number(threshold)))) {
      setFieldErrors({ 'rule-threshold': a.thresholdInvalid });
      setGeneral([]);
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      if (editing) await dashboardApi.updateAlertRule(editing.id, editing.version, body());
      else await dashboardApi.createAlertRule(body());
      setMessage(editing ? a.saved : a.created);
      setEditing(null);
      setDraft(EMPTY);
      setFieldErrors({});
      setGeneral([]);
      load();
    } catch (e) {
      const { fields, general: g } = formErrorsFrom(e, t, lang, FIELD_IDS);
      setFieldErrors(fields);
      setGeneral(g);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (rule: AlertRule) => {
    if (!window.confirm(a.confirmDelete(a.figures[rule.figure] ?? rule.figure))) return;
    try {
      await dashboardApi.deleteAlertRule(rule.id, rule.version);
      setMessage(a.deleted);
      load();
    } catch (e) {
      setMessage(errorText(e, t, lang));
    }
  };

  const indicatorName = (id: string | null) => indicators.find((i) => i.id === id)?.name ?? id ?? '';
  const ruleText = (rule: AlertRule) =>
    rule.figure === 'indicator-off-track'
      ? a.ruleIndicator(indicatorName(rule.indicatorId))
      : rule.figure === 'spending-above-budget'
        ? a.ruleSpending(rule.thresholdPct ?? 0, rule.taakveld)
        : a.ruleOverdue(rule.thresholdPct ?? 0);
  const alertText = (alert: FiredAlert) => alert.text[lang];

  return (
    <div className="grip-stack grip-dash">
      <div>
        <Paragraph className="grip-dash-kicker">{d.title}</Paragraph>
        <PageTitle>{d.pages.alerts}</PageTitle>
        <Paragraph lead>{a.intro}</Paragraph>
      </div>
      <DashboardNav filters={{}} />
      <div role="status" className="grip-live-region">
        {message ? (
          <Alert type="ok">
            <Paragraph>{message}</Paragraph>
          </Alert>
        ) : null}
      </div>
      {!rules ? <LoadingOrError error={loadError} /> : null}
      {rules ? (
        <section aria-labelledby="rules-heading" className="grip-section">
          <Heading level={2} id="rules-heading">
            {a.rulesHeading}
          </Heading>
          {rules.length === 0 ? (
            <Paragraph>{a.noRules}</Paragraph>
          ) : (
            <Table caption={a.rulesHeading} hideCaption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <HeaderCell>{a.rule}</HeaderCell>
                  <HeaderCell>{a.owner}</HeaderCell>
                  <HeaderCell>{a.status}</HeaderCell>
                  <HeaderCell>{a.actions}</HeaderCell>
                </tr>
              </thead>
              <TableBody>
                {rules.map((rule) => (
                  <tr key={rule.id} className="utrecht-table__row">
                    <RowHeaderCell className="grip-wrap">{ruleText(rule)}</RowHeaderCell>
                    <Cell>{rule.owner.userId === session.userId ? a.you : rule.owner.name}</Cell>
                    <Cell>
                      <StatusBadge status={rule.active ? 'active' : 'inactive'}>
                        {rule.active ? a.active : a.inactive}
                      </StatusBadge>
                    </Cell>
                    <Cell>
                      <ButtonGroup>
                        <Button
                          appearance="subtle"
                          onClick={() => startEdit(rule)}
                          aria-label={`${a.edit}: ${ruleText(rule)}`}
                        >
                          {a.edit}
                        </Button>
                        <Button
                          appearance="subtle"
                          onClick={() => void remove(rule)}
                          aria-label={`${a.delete}: ${ruleText(rule)}`}
                        >
                          {a.delete}
                        </Button>
                      </ButtonGroup>
                    </Cell>
                  </tr>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      ) : null}
      {rules ? (
        <section aria-labelledby="rule-form-heading" className="grip-section">
          <Heading level={2} id="rule-form-heading">
            {editing ? a.editHeading : a.newHeading}
          </Heading>
          <ErrorSummary items={summaryItems(FIELD_ORDER, fieldErrors, general)} focusKey={focusKey} />
          <form className="grip-form" noValidate onSubmit={(e) => void submit(e)}>
            <SelectField
              id="rule-figure"
              label={a.figure}
              value={draft.figure}
              error={fieldErrors['rule-figure']}
              onChange={(e) => setDraft({ ...draft, figure: e.target.value as AlertFigure })}
              options={ALERT_FIGURES.map((f) => ({ value: f, label: a.figures[f] ?? f }))}
            />
            {draft.figure !== 'indicator-off-track' ? (
              <TextField
                id="rule-threshold"
                label={a.threshold}
                description={
                  draft.figure === 'spending-above-budget' ? a.thresholdSpendingHint : a.thresholdOverdueHint
                }
                inputMode="decimal"
                value={draft.threshold}
                error={fieldErrors['rule-threshold']}
                onChange={(e) => setDraft({ ...draft, threshold: e.target.value })}
              />
            ) : null}
            {draft.figure === 'spending-above-budget' ? (
              <TextField
                id="rule-taakveld"
                label={a.taakveld}
                description={a.taakveldHint}
                optional
                value={draft.taakveld}
                error={fieldErrors['rule-taakveld']}
                onChange={(e) => setDraft({ ...draft, taakveld: e.target.value })}
              />
            ) : null}
            {draft.figure === 'indicator-off-track' ? (
              <SelectField
                id="rule-indicator"
                label={a.indicator}
                value={draft.indicatorId}
                error={fieldErrors['rule-indicator']}
                onChange={(e) => setDraft({ ...draft, indicatorId: e.target.value })}
                options={[
                  { value: '', label: a.chooseIndicator },
                  ...indicators.map((i) => ({ value: i.id, label: `${i.code} ${i.name}` })),
                ]}
              />
            ) : null}
            <ChoiceField
              id="rule-active"
              label={a.activeLabel}
              checked={draft.active}
              error={fieldErrors['rule-active']}
              onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
            />
            <Paragraph small>{a.ownerNote}</Paragraph>
            <ButtonGroup>
              <Button type="submit" appearance="primary-action" busy={busy}>
                {editing ? t.common.save : a.add}
              </Button>
              {editing ? <Button onClick={() => startEdit(null)}>{t.common.cancel}</Button> : null}
            </ButtonGroup>
          </form>
        </section>
      ) : null}
      {fired ? (
        <section aria-labelledby="fired-heading" className="grip-section">
          <Heading level={2} id="fired-heading">
            {a.firedHeading}
          </Heading>
          {fired.length === 0 ? (
            <Paragraph>{a.noFired}</Paragraph>
          ) : (
            <Table caption={a.firedHeading} hideCaption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <HeaderCell>{a.firedAt}</HeaderCell>
                  <HeaderCell>{a.message}</HeaderCell>
                  <HeaderCell>{a.status}</HeaderCell>
                </tr>
              </thead>
              <TableBody>
                {fired.map((alert) => (
                  <tr key={alert.id} className="utrecht-table__row">
                    <RowHeaderCell>{formatDateTime(alert.firedAt)}</RowHeaderCell>
                    <Cell className="grip-wrap">{alertText(alert)}</Cell>
                    <Cell>
                      <StatusBadge status={alert.endedAt ? 'neutral' : 'warning'}>
                        {alert.endedAt ? a.ended(formatDateTime(alert.endedAt)) : a.open}
                      </StatusBadge>
                    </Cell>
                  </tr>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      ) : null}
    </div>
  );
}
