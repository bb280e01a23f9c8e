import { useEffect, useState, type FormEvent } from 'react';
import { catalogueApi, COST_GROUPS, LAWS, type CostGroup, type Costs } from '../catalogue-api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { CostsTable } from '../components/CostsTable.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../components/FormField.tsx';
import { codeOptions, problemErrors, useFormErrors } from '../components/ServiceShared.tsx';
import { PageTitle, Paragraph } from '../components/Typography.tsx';
import { usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation, withQuery } from '../router.tsx';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const FIELD_IDS = {
  groupBy: 'costs-group',
  fromMonth: 'costs-from',
  toMonth: 'costs-to',
  lawCode: 'costs-law',
};

function monthOf(date: Date, plusMonths = 0): string {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth() + plusMonths, 1));
  return d.toISOString().slice(0, 7);
}

/** Costs per service, provider, law or wijk by month (beleidsadviseur); small cells as the server gives them. */
export function CostsPage() {
  const { t, lang } = useI18n();
  const c = t.catCosts;
  usePageTitle(c.title);
  const { query } = useLocation();
  const asked = {
    groupBy: (COST_GROUPS as readonly string[]).includes(query.get('indeling') ?? '')
      ? (query.get('indeling') as CostGroup)
      : 'service',
    fromMonth: query.get('van') ?? monthOf(new Date(), -11),
    toMonth: query.get('tot') ?? monthOf(new Date()),
    lawCode: query.get('wet') ?? '',
  };
  const [draft, setDraft] = useState(asked);
  const [costs, setCosts] = useState<Costs | null>(null);
  const [loading, setLoading] = useState(true);
  const errors = useFormErrors(Object.values(FIELD_IDS));

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setDraft(asked);
    catalogueApi
      .costs({ ...asked, lawCode: asked.lawCode || undefined }, controller.signal)
      .then(({ data }) => {
        setCosts(data);
        errors.clear();
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setCosts(null);
        errors.show(
          problemErrors(e, t, lang, {
            ...FIELD_IDS,
            'query.fromMonth': 'costs-from',
            'query.toMonth': 'costs-to',
          }),
        );
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [asked.groupBy, asked.fromMonth, asked.toMonth, asked.lawCode]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!MONTH.test(draft.fromMonth.trim())) found['costs-from'] = c.monthInvalid;
    if (!MONTH.test(draft.toMonth.trim())) found['costs-to'] = c.monthInvalid;
    if (Object.keys(found).length > 0) return errors.show({ fields: found, general: [] });
    navigate(
      withQuery('/kosten', {
        indeling: draft.groupBy,
        van: draft.fromMonth.trim(),
        tot: draft.toMonth.trim(),
        wet: draft.lawCode,
      }),
    );
  };

  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{c.title}</PageTitle>
        <Paragraph lead>{c.intro}</Paragraph>
      </div>
      <ErrorSummary items={errors.items} focusKey={errors.attempt} />
      <form className="grip-form grip-form--grid" noValidate onSubmit={submit}>
        <SelectField
          id="costs-group"
          label={c.groupBy}
          value={draft.groupBy}
          onChange={(e) => setDraft({ ...draft, groupBy: e.target.value as CostGroup })}
          options={codeOptions(COST_GROUPS, t.catCodes.costGroups)}
          error={errors.fields['costs-group']}
        />
        <TextField
          id="costs-from"
          label={c.fromMonth}
          description={c.monthHint}
          autoComplete="off"
          value={draft.fromMonth}
          onChange={(e) => setDraft({ ...draft, fromMonth: e.target.value })}
          error={errors.fields['costs-from']}
        />
        <TextField
          id="costs-to"
          label={c.toMonth}
          description={c.monthHint}
          autoComplete="off"
          value={draft.toMonth}
          onChange={(e) => setDraft({ ...draft, toMonth: e.target.value })}
          error={errors.fields['costs-to']}
        />
        <SelectField
          id="costs-law"
          label={c.law}
          optional
          value={draft.lawCode}
          onChange={(e) => setDraft({ ...draft, lawCode: e.target.value })}
          options={[{ value: '', label: t.catCodes.any }, ...codeOptions(LAWS, t.catCodes.laws)]}
          error={errors.fields['costs-law']}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action">
            {c.show}
          </Button>
        </ButtonGroup>
      </form>
      {costs ? (
        <Alert type="info">
          <Paragraph>{c.privacy(costs.threshold)}</Paragraph>
        </Alert>
      ) : null}
      <div role="status" className="grip-live-region">
        <Paragraph>
          {loading
            ? t.common.loading
            : costs
              ? costs.cells.length === 0
                ? c.none
                : c.count(costs.cells.length, costs.cells.filter((cell) => cell.suppressed).length)
              : ''}
        </Paragraph>
      </div>
      {costs && !loading && costs.cells.length > 0 ? <CostsTable costs={costs} /> : null}
    </div>
  );
}
