import { useEffect, useRef, useState } from 'react';
import { api, type RoleAssignment } from '../api.ts';
import { errorText } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { SelectField } from './FormField.tsx';

interface ProviderOption {
  id: string;
  name: string;
  agbCode: string | null;
}

/** Every care provider of the municipality, by name (a few hundred at most: read page by page). */
async function allProviders(signal: AbortSignal): Promise<ProviderOption[]> {
  const found: ProviderOption[] = [];
  for (let page = 1; page <= 50; page++) {
    const { data } = await api.providers(page, signal);
    found.push(...data.items);
    if (data.items.length === 0 || found.length >= data.total) break;
  }
  return found;
}

/**
 * The care provider an aanbieder account works for: shown only while the role aanbieder is ticked (the
 * account then sees that provider's allocations and declarations only).
 */
export function ProviderField({
  roles,
  value,
  onChange,
  error,
}: {
  roles: RoleAssignment[];
  value: string | null;
  onChange(next: string | null): void;
  error?: string;
}) {
  const { t, lang } = useI18n();
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const needed = roles.some((r) => r.role === 'aanbieder');
  const [options, setOptions] = useState<ProviderOption[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (!needed || options) return;
    const controller = new AbortController();
    allProviders(controller.signal)
      .then(setOptions)
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorText(failure, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, [needed, options]);

  if (!needed) return null;
  return (
    <SelectField
      id="providerId"
      label={t.user.provider}
      description={loadError ?? t.user.providerHint}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || null)}
      error={error}
      options={[
        { value: '', label: options ? t.user.providerChoose : t.common.loading },
        ...(options ?? []).map((p) => ({
          value: p.id,
          label: p.agbCode ? `${p.name} (AGB ${p.agbCode})` : p.name,
        })),
      ]}
    />
  );
}
