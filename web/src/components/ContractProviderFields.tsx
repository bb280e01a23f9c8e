import type { Provider, ProviderInput } from '../catalogue-api.ts';
import type { FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/nl.ts';
import { TextField } from './FormField.tsx';

export interface ProviderDraft {
  name: string;
  kvkNumber: string;
  agbCode: string;
  city: string;
}

export const PROVIDER_FIELD_IDS = {
  name: 'provider-name',
  kvkNumber: 'provider-kvk',
  agbCode: 'provider-agb',
  city: 'provider-city',
};
export const PROVIDER_FIELD_ORDER = Object.values(PROVIDER_FIELD_IDS);

export const providerDraft = (p: Provider | null): ProviderDraft => ({
  name: p?.name ?? '',
  kvkNumber: p?.kvkNumber ?? '',
  agbCode: p?.agbCode ?? '',
  city: p?.city ?? '',
});

/** The input for the API, or the problems found before sending. */
export function providerInput(d: ProviderDraft, t: Messages): ProviderInput | { fields: FieldErrors } {
  const fields: FieldErrors = {};
  if (!d.name.trim()) fields['provider-name'] = t.catForm.required;
  if (!/^\d{8}$/.test(d.kvkNumber.trim())) fields['provider-kvk'] = t.catProviders.kvkHint;
  if (d.agbCode.trim() && !/^\d{8}$/.test(d.agbCode.trim())) fields['provider-agb'] = t.catProviders.agbHint;
  if (Object.keys(fields).length > 0) return { fields };
  return {
    name: d.name.trim(),
    kvkNumber: d.kvkNumber.trim(),
    agbCode: d.agbCode.trim() || null,
    city: d.city.trim() || null,
  };
}

/** Name, KvK number, AGB code and place of a provider (used when registering and when changing one). */
export function ContractProviderFields({
  draft,
  onChange,
  errors,
}: {
  draft: ProviderDraft;
  onChange(next: ProviderDraft): void;
  errors: FieldErrors;
}) {
  const { t } = useI18n();
  const c = t.catProviders;
  return (
    <>
      <TextField
        id="provider-name"
        label={c.name}
        autoComplete="off"
        value={draft.name}
        onChange={(e) => onChange({ ...draft, name: e.target.value })}
        error={errors['provider-name']}
      />
      <TextField
        id="provider-kvk"
        label={c.kvk}
        description={c.kvkHint}
        inputMode="numeric"
        autoComplete="off"
        value={draft.kvkNumber}
        onChange={(e) => onChange({ ...draft, kvkNumber: e.target.value })}
        error={errors['provider-kvk']}
      />
      <TextField
        id="provider-agb"
        label={c.agb}
        description={c.agbHint}
        optional
        inputMode="numeric"
        autoComplete="off"
        value={draft.agbCode}
        onChange={(e) => onChange({ ...draft, agbCode: e.target.value })}
        error={errors['provider-agb']}
      />
      <TextField
        id="provider-city"
        label={c.city}
        optional
        autoComplete="off"
        value={draft.city}
        onChange={(e) => onChange({ ...draft, city: e.target.value })}
        error={errors['provider-city']}
      />
    </>
  );
}
