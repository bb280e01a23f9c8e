import { useState, type FormEvent } from 'react';
import { catalogueApi, FUNDING_VARIANTS, parseEuros, type FundingVariant } from '../catalogue-api.ts';
import { setFlash } from '../flash.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { SelectField, TextField } from './FormField.tsx';
import { codeOptions, problemErrors, readDate, useFormErrors } from './ServiceShared.tsx';

const FIELD_IDS = {
  reference: 'contract-reference',
  lot: 'contract-lot',
  fundingVariant: 'contract-funding',
  validFromDate: 'contract-from',
  validUntilDate: 'contract-until',
  regionCode: 'contract-region',
  lumpSumCentsPerMonth: 'contract-lump-sum',
};
const FIELD_ORDER = Object.values(FIELD_IDS);

/** Draw up a contract for a lot with a provider; it starts "in voorbereiding". */
export function ContractNewForm({ providerId }: { providerId: string }) {
  const { t, lang } = useI18n();
  const c = t.catContract;
  const [d, setD] = useState({
    reference: '',
    lot: '',
    fundingVariant: 'inspanningsgericht' as FundingVariant,
    from: '',
    until: '',
    region: '',
    lumpSum: '',
  });
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELD_ORDER);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Record<string, string> = {};
    if (!d.reference.trim()) found['contract-reference'] = t.catForm.required;
    if (!d.lot.trim()) found['contract-lot'] = t.catForm.required;
    const from = readDate(d.from, t, true);
    const until = readDate(d.until, t, false);
    if (from.error) found['contract-from'] = from.error;
    if (until.error) found['contract-until'] = until.error;
    const lump = d.lumpSum.trim() ? parseEuros(d.lumpSum) : null;
    if (d.lumpSum.trim() && lump === null) found['contract-lump-sum'] = t.catForm.euroInvalid;
    if (Object.keys(found).length > 0) return errors.show({ fields: found, general: [] });
    errors.clear();
    setBusy(true);
    try {
      const { data } = await catalogueApi.createContract({
        providerId,
        reference: d.reference.trim(),
        lot: d.lot.trim(),
        fundingVariant: d.fundingVariant,
        validFromDate: from.value!,
        validUntilDate: until.value,
        regionCode: d.region.trim() || null,
        lumpSumCentsPerMonth: lump,
      });
      setFlash(`/contracten/${data.id}`, c.created);
      navigate(`/contracten/${data.id}`);
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
        <TextField
          id="contract-reference"
          label={c.reference}
          description={c.referenceHint}
          autoComplete="off"
          value={d.reference}
          onChange={(e) => setD({ ...d, reference: e.target.value })}
          error={errors.fields['contract-reference']}
        />
        <TextField
          id="contract-lot"
          label={c.lot}
          autoComplete="off"
          value={d.lot}
          onChange={(e) => setD({ ...d, lot: e.target.value })}
          error={errors.fields['contract-lot']}
        />
        <SelectField
          id="contract-funding"
          label={c.funding}
          value={d.fundingVariant}
          onChange={(e) => setD({ ...d, fundingVariant: e.target.value as FundingVariant })}
          options={codeOptions(FUNDING_VARIANTS, t.catCodes.funding)}
          error={errors.fields['contract-funding']}
        />
        <TextField
          id="contract-from"
          label={c.from}
          description={t.common.dateHint}
          autoComplete="off"
          className="grip-input--date"
          value={d.from}
          onChange={(e) => setD({ ...d, from: e.target.value })}
          error={errors.fields['contract-from']}
        />
        <TextField
          id="contract-until"
          label={c.until}
          description={t.catForm.dateHintOpen}
          optional
          autoComplete="off"
          className="grip-input--date"
          value={d.until}
          onChange={(e) => setD({ ...d, until: e.target.value })}
          error={errors.fields['contract-until']}
        />
        <TextField
          id="contract-region"
          label={c.region}
          description={c.regionHint}
          optional
          autoComplete="off"
          value={d.region}
          onChange={(e) => setD({ ...d, region: e.target.value })}
          error={errors.fields['contract-region']}
        />
        <TextField
          id="contract-lump-sum"
          label={c.lumpSum}
          description={c.lumpSumHint}
          optional
          inputMode="decimal"
          autoComplete="off"
          value={d.lumpSum}
          onChange={(e) => setD({ ...d, lumpSum: e.target.value })}
          error={errors.fields['contract-lump-sum']}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action" busy={busy}>
            {busy ? t.common.saving : c.newHeading}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
