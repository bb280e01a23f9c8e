import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorText } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { planApi, type Plan, type PlanVersionSnapshot, type VersionCompare } from '../plan-api.ts';
import { Alert } from './Alert.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { SelectField } from './FormField.tsx';
import { Heading, Paragraph } from './Typography.tsx';

/** A value of a change as text: dates, names and descriptions as they are; objects by their main field. */
function valueText(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value)) return value.map((v) => valueText(v, empty)).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of ['description', 'name', 'label', 'title', 'code']) {
      if (typeof o[key] === 'string') return o[key];
    }
    return JSON.stringify(value);
  }
  return String(value);
}

/** The goals of a snapshot, for the side-by-side view. */
function goalsOf(
  snapshot: PlanVersionSnapshot | null,
): { description: string; status?: string; targetDate?: string }[] {
  const source = (snapshot?.snapshot ?? snapshot) as Record<string, unknown> | null;
  const goals = source?.goals;
  return Array.isArray(goals)
    ? (goals as { description: string; status?: string; targetDate?: string }[])
    : [];
}

/** Two versions side by side, and the differences as a list (goals, actions, services, professionals…). */
export function PlanVersionCompare({ plan }: { plan: Plan }) {
  const { t, lang, formatDate } = useI18n();
  const p = t.plan;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const numbers = plan.versions.map((v) => v.version).sort((a, b) => a - b);
  const [from, setFrom] = useState(String(numbers[numbers.length - 2] ?? numbers[0]));
  const [to, setTo] = useState(String(numbers[numbers.length - 1]));
  const [result, setResult] = useState<{
    compare: VersionCompare;
    left: PlanVersionSnapshot | null;
    right: PlanVersionSnapshot | null;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = numbers.map((n) => ({ value: String(n), label: `${p.version} ${n}` }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (from === to) {
      setError(p.compareSame);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const [compare, left, right] = await Promise.all([
        planApi.compare(plan.id, Number(from), Number(to)),
        planApi.version(plan.id, Number(from)).catch(() => null),
        planApi.version(plan.id, Number(to)).catch(() => null),
      ]);
      setResult({ compare: compare.data, left: left?.data ?? null, right: right?.data ?? null });
    } catch (e) {
      setError(errorText(e, texts.current.t, texts.current.lang));
    } finally {
      setBusy(false);
    }
  };

  const changeItems: ReactNode[] = [];
  if (result) {
    const c = result.compare;
    const empty = t.common.empty;
    const field = (name: string) => p.compareFields[name] ?? name;
    const fieldText = (name: string, value: unknown) =>
      typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? formatDate(value)
        : name === 'status' && typeof value === 'string'
          ? (p.goalStatuses[value] ?? value)
          : name === 'ownerKind' && typeof value === 'string'
            ? (p.ownerKinds[value] ?? value)
            : name === 'lifeDomainCode' && typeof value === 'string'
              ? (t.lifeDomains[value] ?? value)
              : valueText(value, empty);
    const push = (
      key: string,
      section: string,
      change: string,
      what: string,
      changes: { field: string; from: unknown; to: unknown }[] = [],
    ) =>
      changeItems.push(
        <li key={key}>
          <strong>{p.compareSections[section] ?? section}</strong> ({p.changes[change] ?? change}): {what}
          {changes.length > 0 ? (
            <ul className="grip-plain-list">
              {changes.map((ch) => (
                <li key={ch.field}>
                  {field(ch.field)}: {p.fromTo(fieldText(ch.field, ch.from), fieldText(ch.field, ch.to))}
                </li>
              ))}
            </ul>
          ) : null}
        </li>,
      );
    for (const section of ['goals', 'actions', 'services', 'professionals'] as const) {
      const group = c[section] as
        | {
            added: Record<string, unknown>[];
            removed: Record<string, unknown>[];
            changed: Record<string, unknown>[];
          }
        | undefined;
      if (!group) continue;
      for (const change of ['added', 'removed', 'changed'] as const)
        (group[change] ?? []).forEach((item, i) =>
          push(
            `${section}-${change}-${i}`,
            section,
            change,
            valueText(item, empty),
            Array.isArray(item.changes)
              ? (item.changes as { field: string; from: unknown; to: unknown }[])
              : [],
          ),
        );
    }
    for (const section of ['status', 'regisseur', 'contactPerson'] as const) {
      const value = c[section];
      if (value)
        push(
          section,
          section,
          'changed',
          p.fromTo(fieldText(section, value.from), fieldText(section, value.to)),
        );
    }
    for (const change of ['added', 'removed'] as const)
      (c.participants?.[change] ?? []).forEach((name, i) =>
        push(`participants-${change}-${i}`, 'participants', change, valueText(name, empty)),
      );
  }

  const left = goalsOf(result?.left ?? null);
  const right = goalsOf(result?.right ?? null);

  return (
    <>
      <Heading level={3} id="compare-heading">
        {p.compareHeading}
      </Heading>
      <form
        className="grip-form grip-plan-compare-form"
        noValidate
        onSubmit={submit}
        aria-labelledby="compare-heading"
      >
        <div className="grip-plan-grid">
          <SelectField
            id="compare-from"
            label={p.compareFrom}
            value={from}
            options={options}
            onChange={(e) => setFrom(e.target.value)}
          />
          <SelectField
            id="compare-to"
            label={p.compareTo}
            value={to}
            options={options}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {p.compare}
          </Button>
        </ButtonGroup>
      </form>
      <div role="status" className="grip-live-region">
        {error ? (
          <Alert type="error">
            <Paragraph>{error}</Paragraph>
          </Alert>
        ) : null}
      </div>
      {result ? (
        <div className="grip-stack" id="compare-result">
          <Heading level={4}>
            {p.compareResult(result.compare.from ?? Number(from), result.compare.to ?? Number(to))}
          </Heading>
          {changeItems.length === 0 ? (
            <Paragraph>{p.compareNone}</Paragraph>
          ) : (
            <ul className="grip-plan-changes">{changeItems}</ul>
          )}
          {left.length > 0 || right.length > 0 ? (
            <div className="grip-plan-side-by-side">
              {[
                { n: from, goals: left },
                { n: to, goals: right },
              ].map((side) => (
                <div key={side.n}>
                  <h5 className="utrecht-heading-5">{`${p.version} ${side.n}`}</h5>
                  <ol className="grip-plan-goal-list">
                    {side.goals.map((g, i) => (
                      <li key={i}>
                        {g.description}
                        {g.status || g.targetDate ? (
                          <span className="grip-muted">
                            {' '}
                            (
                            {[
                              g.status ? (p.goalStatuses[g.status] ?? g.status) : null,
                              g.targetDate ? formatDate(g.targetDate) : null,
                            ]
                              .filter(Boolean)
                              .join(', ')}
                            )
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                </div>
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
