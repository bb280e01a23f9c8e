import { useEffect, useState, type FormEvent } from 'react';
import {
  AGE_GROUPS,
  LAW_CODES,
  type DashboardFilters,
  type FilterKey,
  type FilterOptions,
} from '../../dashboard-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { navigate, withQuery } from '../../router.tsx';
import { Button } from '../Button.tsx';
import { SelectField } from '../FormField.tsx';
import { pick } from './figures.ts';

/** Every month from `first` to `last` (YYYY-MM), inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const result: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = last.split('-').map(Number) as [number, number];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    result.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    if (result.length > 600) break;
  }
  return result;
}

/** Reads the filters from the page address (the same names as the API's query string). */
export function filtersFromQuery(query: URLSearchParams): DashboardFilters {
  const value = (key: FilterKey) => query.get(key) || undefined;
  return {
    from: value('from'),
    to: value('to'),
    law: value('law') as DashboardFilters['law'],
    wijk: value('wijk'),
    buurt: value('buurt'),
    service: value('service'),
    provider: value('provider'),
    ageGroup: value('ageGroup') as DashboardFilters['ageGroup'],
  };
}

export function pathWith(path: string, filters: DashboardFilters): string {
  return withQuery(path, { ...filters });
}

/**
 * The filter bar: period, law, wijk → buurt, service, provider and age group. Choices go to the address
 * when applied, so a filtered view can be shared and the back button works.
 */
export function FilterBar({
  path,
  filters,
  effective,
  options,
}: {
  /** The page the filters apply to. */
  path: string;
  /** The filters in the address. */
  filters: DashboardFilters;
  /** The filters the server used (defaults filled in), to show the period. */
  effective: DashboardFilters | null;
  options: FilterOptions | null;
}) {
  const { t, lang } = useI18n();
  const d = t.dashboard;
  const f = d.filters;
  const [draft, setDraft] = useState<DashboardFilters>({ ...effective, ...filters });
  useEffect(() => setDraft({ ...effective, ...filters }), [filters, effective]);

  const set = (key: FilterKey, value: string) =>
    setDraft((current) => {
      const next = { ...current, [key]: value || undefined };
      if (key === 'wijk') next.buurt = undefined;
      if (key === 'law' && next.service && options) {
        const service = options.services.find((s) => s.id === next.service);
        if (service?.law && value && service.law !== value) next.service = undefined;
      }
      return next;
    });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(pathWith(path, draft));
  };
  const months =
    options?.firstMonth && options.lastMonth ? monthsBetween(options.firstMonth, options.lastMonth) : [];
  const monthOptions = (current: string | undefined) => {
    const list = current && !months.includes(current) ? [current, ...months] : months;
    return list.map((m) => ({ value: m, label: monthLabel(m, lang) }));
  };
  const all = (text: string) => ({ value: '', label: text });
  const laws = options && options.laws.length > 0 ? options.laws.map((l) => l.code) : [...LAW_CODES];
  const buurten = (options?.buurten ?? []).filter((b) => !draft.wijk || b.wijkCode === draft.wijk);
  const services = (options?.services ?? []).filter((s) => !draft.law || !s.law || s.law === draft.law);

  return (
    <form className="grip-dash-filters" noValidate onSubmit={apply} aria-label={f.label}>
      <div className="grip-dash-filters__grid">
        <SelectField
          id="filter-from"
          label={f.from}
          optional
          value={draft.from ?? ''}
          onChange={(e) => set('from', e.target.value)}
          options={[all(f.defaultPeriod), ...monthOptions(draft.from)]}
        />
        <SelectField
          id="filter-to"
          label={f.to}
          optional
          value={draft.to ?? ''}
          onChange={(e) => set('to', e.target.value)}
          options={[all(f.defaultPeriod), ...monthOptions(draft.to)]}
        />
        <SelectField
          id="filter-law"
          label={f.law}
          optional
          value={draft.law ?? ''}
          onChange={(e) => set('law', e.target.value)}
          options={[
            all(f.allLaws),
            ...laws.map((code) => ({
              value: code,
              label:
                d.laws[code as keyof typeof d.laws] ??
                pick(options?.laws.find((l) => l.code === code)?.label, lang) ??
                code,
            })),
          ]}
        />
        <SelectField
          id="filter-wijk"
          label={f.wijk}
          optional
          value={draft.wijk ?? ''}
          onChange={(e) => set('wijk', e.target.value)}
          options={[
            all(f.allWijken),
            ...(options?.wijken ?? []).map((w) => ({ value: w.code, label: w.name })),
          ]}
        />
        <SelectField
          id="filter-buurt"
          label={f.buurt}
          optional
          description={draft.wijk ? undefined : f.buurtHint}
          value={draft.buurt ?? ''}
          onChange={(e) => set('buurt', e.target.value)}
          disabled={!draft.wijk}
          options={[all(f.allBuurten), ...buurten.map((b) => ({ value: b.code, label: b.name }))]}
        />
        <SelectField
          id="filter-service"
          label={f.service}
          optional
          value={draft.service ?? ''}
          onChange={(e) => set('service', e.target.value)}
          options={[all(f.allServices), ...services.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <SelectField
          id="filter-provider"
          label={f.provider}
          optional
          value={draft.provider ?? ''}
          onChange={(e) => set('provider', e.target.value)}
          options={[
            all(f.allProviders),
            ...(options?.providers ?? []).map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <SelectField
          id="filter-age"
          label={f.ageGroup}
          optional
          value={draft.ageGroup ?? ''}
          onChange={(e) => set('ageGroup', e.target.value)}
          options={[
            all(f.allAges),
            ...(options?.ageGroups ?? [...AGE_GROUPS]).map((a) => ({ value: a, label: f.age(a) })),
          ]}
        />
      </div>
      <div className="utrecht-button-group grip-button-group">
        <Button type="submit" appearance="primary-action">
          {f.apply}
        </Button>
        <Button appearance="secondary-action" onClick={() => navigate(path)}>
          {f.clear}
        </Button>
      </div>
    </form>
  );
}

export function monthLabel(month: string, lang: 'nl' | 'en'): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1, 1));
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
