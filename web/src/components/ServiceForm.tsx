import { useState, type FormEvent } from 'react';
import {
  DELIVERIES,
  FUNDING_VARIANTS,
  LAWS,
  SERVICE_KINDS,
  type Delivery,
  type FundingVariant,
  type Law,
  type Service,
  type ServiceInput,
  type ServiceKind,
} from '../catalogue-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { SelectField, TextAreaField, TextField } from './FormField.tsx';
import { codeOptions, problemErrors, useFormErrors } from './ServiceShared.tsx';

interface Draft {
  code: string;
  name: string;
  description: string;
  kind: ServiceKind;
  delivery: Delivery;
  lawCode: Law;
  productCategoryCode: string;
  productCode: string;
  unitCode: string;
  frequencyCode: string;
  fundingVariant: FundingVariant | '';
  targetGroup: string;
  minAge: string;
  maxAge: string;
}

const FIELDS = [
  'code',
  'name',
  'description',
  'kind',
  'delivery',
  'lawCode',
  'productCategoryCode',
  'productCode',
  'unitCode',
  'frequencyCode',
  'fundingVariant',
  'targetGroup',
  'minAge',
  'maxAge',
] as const;
const FIELD_IDS = Object.fromEntries(FIELDS.map((f) => [f, `service-${f}`]));
const FIELD_ORDER = FIELDS.map((f) => `service-${f}`);

const draftOf = (s: Service | null): Draft => ({
  code: s?.code ?? '',
  name: s?.name ?? '',
  description: s?.description ?? '',
  kind: s?.kind ?? 'maatwerk',
  delivery: s?.delivery ?? 'individueel',
  lawCode: s?.lawCode ?? 'wmo',
  productCategoryCode: s?.productCategoryCode ?? '',
  productCode: s?.productCode ?? '',
  unitCode: s?.unitCode ?? '',
  frequencyCode: s?.frequencyCode ?? '',
  fundingVariant: s?.fundingVariant ?? '',
  targetGroup: s?.targetGroup ?? '',
  minAge: s?.minAge === null || s?.minAge === undefined ? '' : String(s.minAge),
  maxAge: s?.maxAge === null || s?.maxAge === undefined ? '' : String(s.maxAge),
});

/**
 * The fields of a service, for adding one (with its code) or changing one (the code never changes). The
 * server checks the codes against the iStandaard lists; its reasons appear at the fields.
 */
export function ServiceForm({
  service,
  onSubmit,
  submitLabel,
}: {
  service: Service | null;
  onSubmit(input: ServiceInput & { code: string }): Promise<void>;
  submitLabel: string;
}) {
  const { t, lang } = useI18n();
  const c = t.catalogue;
  const [draft, setDraft] = useState<Draft>(() => draftOf(service));
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELD_ORDER);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const id = (f: (typeof FIELDS)[number]) => `service-${f}`;
  const fieldError = (f: (typeof FIELDS)[number]) => errors.fields[id(f)];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Record<string, string> = {};
    if (!service && !draft.code.trim()) found[id('code')] = t.catForm.required;
    if (!draft.name.trim()) found[id('name')] = t.catForm.required;
    const age = (text: string, field: 'minAge' | 'maxAge') => {
      if (!text.trim()) return null;
      if (!/^\d{1,3}$/.test(text.trim())) found[id(field)] = t.catForm.numberInvalid;
      return Number(text.trim());
    };
    const minAge = age(draft.minAge, 'minAge');
    const maxAge = age(draft.maxAge, 'maxAge');
    if (Object.keys(found).length > 0) {
      errors.show({ fields: found, general: [] });
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await onSubmit({
        code: draft.code.trim().toUpperCase(),
        name: draft.name.trim(),
        description: draft.description.trim(),
        kind: draft.kind,
        delivery: draft.delivery,
        lawCode: draft.lawCode,
        productCategoryCode: draft.productCategoryCode.trim() || null,
        productCode: draft.productCode.trim().toUpperCase() || null,
        unitCode: draft.unitCode.trim() || null,
        frequencyCode: draft.frequencyCode.trim() || null,
        fundingVariant: draft.fundingVariant || null,
        targetGroup: draft.targetGroup.trim(),
        minAge,
        maxAge,
      });
    } catch (error) {
      errors.show(problemErrors(error, t, lang, FIELD_IDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={errors.items} focusKey={errors.attempt} />
      <form className="grip-form grip-form--grid" noValidate onSubmit={submit}>
        {service ? null : (
          <TextField
            id={id('code')}
            label={c.code}
            description={c.codeHint}
            autoComplete="off"
            value={draft.code}
            onChange={(e) => set('code', e.target.value)}
            error={fieldError('code')}
          />
        )}
        <TextField
          id={id('name')}
          label={c.name}
          autoComplete="off"
          value={draft.name}
          onChange={(e) => set('name', e.target.value)}
          error={fieldError('name')}
        />
        <SelectField
          id={id('kind')}
          label={c.kind}
          value={draft.kind}
          onChange={(e) => set('kind', e.target.value as ServiceKind)}
          options={codeOptions(SERVICE_KINDS, t.catCodes.kinds)}
          error={fieldError('kind')}
        />
        <SelectField
          id={id('delivery')}
          label={c.delivery}
          value={draft.delivery}
          onChange={(e) => set('delivery', e.target.value as Delivery)}
          options={codeOptions(DELIVERIES, t.catCodes.deliveries)}
          error={fieldError('delivery')}
        />
        <SelectField
          id={id('lawCode')}
          label={c.law}
          value={draft.lawCode}
          onChange={(e) => set('lawCode', e.target.value as Law)}
          options={codeOptions(LAWS, t.catCodes.laws)}
          error={fieldError('lawCode')}
        />
        <TextField
          id={id('productCategoryCode')}
          label={c.productCategory}
          description={c.productCategoryHint}
          optional
          autoComplete="off"
          inputMode="numeric"
          value={draft.productCategoryCode}
          onChange={(e) => set('productCategoryCode', e.target.value)}
          error={fieldError('productCategoryCode')}
        />
        <TextField
          id={id('productCode')}
          label={c.productCode}
          description={c.productCodeHint}
          optional
          autoComplete="off"
          value={draft.productCode}
          onChange={(e) => set('productCode', e.target.value)}
          error={fieldError('productCode')}
        />
        <TextField
          id={id('unitCode')}
          label={c.unit}
          description={c.unitHint}
          optional
          autoComplete="off"
          inputMode="numeric"
          value={draft.unitCode}
          onChange={(e) => set('unitCode', e.target.value)}
          error={fieldError('unitCode')}
        />
        <TextField
          id={id('frequencyCode')}
          label={c.frequency}
          description={c.frequencyHint}
          optional
          autoComplete="off"
          inputMode="numeric"
          value={draft.frequencyCode}
          onChange={(e) => set('frequencyCode', e.target.value)}
          error={fieldError('frequencyCode')}
        />
        <SelectField
          id={id('fundingVariant')}
          label={c.fundingVariant}
          optional
          value={draft.fundingVariant}
          onChange={(e) => set('fundingVariant', e.target.value as FundingVariant | '')}
          options={[{ value: '', label: c.noFunding }, ...codeOptions(FUNDING_VARIANTS, t.catCodes.funding)]}
          error={fieldError('fundingVariant')}
        />
        <TextField
          id={id('minAge')}
          label={c.minAge}
          optional
          autoComplete="off"
          inputMode="numeric"
          value={draft.minAge}
          onChange={(e) => set('minAge', e.target.value)}
          error={fieldError('minAge')}
        />
        <TextField
          id={id('maxAge')}
          label={c.maxAge}
          optional
          autoComplete="off"
          inputMode="numeric"
          value={draft.maxAge}
          onChange={(e) => set('maxAge', e.target.value)}
          error={fieldError('maxAge')}
        />
        <TextAreaField
          id={id('targetGroup')}
          label={c.targetGroup}
          optional
          rows={2}
          value={draft.targetGroup}
          onChange={(e) => set('targetGroup', e.target.value)}
          error={fieldError('targetGroup')}
        />
        <TextAreaField
          id={id('description')}
          label={c.description}
          optional
          rows={3}
          value={draft.description}
          onChange={(e) => set('description', e.target.value)}
          error={fieldError('description')}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action" busy={busy}>
            {busy ? t.common.saving : submitLabel}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
