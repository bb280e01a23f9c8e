import { useEffect, useState, type FormEvent } from 'react';
import {
  contractOffers,
  decisionsApi,
  FREQUENCY_CODES,
  formatEuro,
  parseEuroInput,
  type BeschikkingProduct,
  type ContractOffer,
  type Toewijzing,
  type ToewijzingInput,
} from '../decisions-api.ts';
import { formatDateInput, parseDateInput } from '../format.ts';
import { errorText, formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { DateField, SelectField, TextField } from './FormField.tsx';
import { amountText } from './ToewijzingText.tsx';
import { Heading, Paragraph } from './Typography.tsx';

const WHOLE = /^\d{1,6}$/;

/**
 * Allocate a granted product to a provider (a 301 toewijzing): only contracts that are active over the
 * whole period and contain the product on the start date are offered. The server checks again, and
 * refuses an overlap with another allocation of the same product for the client with its own message.
 */
export function ToewijzingForm({
  product,
  onCreated,
}: {
  product: BeschikkingProduct;
  onCreated(toewijzing: Toewijzing): Promise<void> | void;
}) {
  const { t, lang, formatDate } = useI18n();
  const w = t.toewijzing;
  const id = (f: string) => `toewijzing-${product.id}-${f}`;
  const [startDate, setStartDate] = useState(product.startDate ? formatDateInput(product.startDate) : '');
  const [endDate, setEndDate] = useState(product.endDate ? formatDateInput(product.endDate) : '');
  const [volume, setVolume] = useState(product.volume !== null ? String(product.volume) : '');
  const [frequencyCode, setFrequencyCode] = useState(product.frequencyCode ?? '');
  const [budget, setBudget] = useState('');
  const [contractId, setContractId] = useState('');
  const [offers, setOffers] = useState<ContractOffer[] | null>(null);
  const [offersError, setOffersError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const start = parseDateInput(startDate);
  const end = parseDateInput(endDate);
  useEffect(() => {
    if (!start || !end || end < start) return;
    const controller = new AbortController();
    setOffers(null);
    setOffersError(null);
    contractOffers(product.serviceId, start, end, controller.signal).then(
      (found) => {
        setOffers(found);
        setContractId((current) =>
          found.some((o) => o.contract.id === current)
            ? current
            : found.length === 1
              ? found[0]!.contract.id
              : '',
        );
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setOffersError(`${w.providersError} ${errorText(error, t, lang)}`);
      },
    );
    return () => controller.abort();
    // t, lang and w only word the error; reloading the offers when they change is not needed.
  }, [product.serviceId, start, end]);

  const unit = (code: string) => t.decisionCodes.unit[code] ?? code;
  const fieldOrder = ['contractId', 'startDate', 'endDate', 'volume', 'frequencyCode', 'budgetCents'].map(id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields: FieldErrors = {};
    if (!start) fields[id('startDate')] = startDate.trim() ? t.common.dateInvalid : w.errors.startDate;
    if (!end) fields[id('endDate')] = endDate.trim() ? t.common.dateInvalid : w.errors.endDate;
    else if (start && end < start) fields[id('endDate')] = w.errors.endBeforeStart;
    if (!contractId) fields[id('contractId')] = w.errors.provider;
    if (product.unitCode && (!WHOLE.test(volume.trim()) || Number(volume) < 1))
      fields[id('volume')] = w.errors.volume;
    const budgetCents = budget.trim() ? parseEuroInput(budget) : undefined;
    if (budgetCents === null) fields[id('budgetCents')] = w.errors.budget;
    setAttempt((n) => n + 1);
    setGeneral([]);
    setErrors(fields);
    if (Object.keys(fields).length > 0 || !start || !end) return;
    const body: ToewijzingInput = {
      beschikkingProductId: product.id,
      contractId,
      startDate: start,
      endDate: end,
    };
    if (product.unitCode) body.volume = Number(volume);
    if (frequencyCode) body.frequencyCode = frequencyCode;
    if (budgetCents !== undefined && budgetCents !== null) body.budgetCents = budgetCents;
    setBusy(true);
    try {
      const { data } = await decisionsApi.createToewijzing(body);
      setContractId('');
      setBudget('');
      await onCreated(data);
    } catch (error) {
      const ids: Record<string, string> = {};
      for (const f of ['contractId', 'startDate', 'endDate', 'volume', 'frequencyCode', 'budgetCents'])
        ids[f] = id(f);
      ids.beschikkingProductId = id('contractId');
      const shown = formErrorsFrom(error, t, lang, ids);
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const grantPeriod =
    product.startDate && product.endDate
      ? t.beschikking.periodText(formatDate(product.startDate), formatDate(product.endDate))
      : t.common.empty;

  return (
    <form className="grip-panel grip-form" noValidate onSubmit={submit} aria-labelledby={id('heading')}>
      <Heading level={4} id={id('heading')} className="grip-panel__title">
        {w.formHeading(product.serviceName)}
      </Heading>
      <Paragraph>{w.formIntro}</Paragraph>
      <Paragraph small>
        {w.grantHint(grantPeriod, amountText(t, product.volume, product.unitCode, product.frequencyCode))}
      </Paragraph>
      <ErrorSummary items={summaryItems(fieldOrder, errors, general)} focusKey={attempt} />
      <div className="grip-form--grid">
        <DateField
          id={id('startDate')}
          label={w.startDate}
          value={startDate}
          onChange={(e) => setStartDate(e.target.value)}
          error={errors[id('startDate')]}
        />
        <DateField
          id={id('endDate')}
          label={w.endDate}
          value={endDate}
          onChange={(e) => setEndDate(e.target.value)}
          error={errors[id('endDate')]}
        />
      </div>
      <div role="status" className="grip-live-region">
        {offersError ? (
          <Paragraph>{offersError}</Paragraph>
        ) : offers === null ? (
          start && end ? (
            <Paragraph>{w.providersLoading}</Paragraph>
          ) : null
        ) : offers.length === 0 ? (
          <Paragraph>{w.noProviders}</Paragraph>
        ) : null}
      </div>
      <SelectField
        id={id('contractId')}
        label={w.provider}
        value={contractId}
        onChange={(e) => setContractId(e.target.value)}
        error={errors[id('contractId')]}
        options={[
          { value: '', label: t.decisionCodes.choose },
          ...(offers ?? []).map((o) => ({
            value: o.contract.id,
            label: w.providerOption(
              o.contract.providerName,
              o.contract.reference,
              formatEuro(o.tariffCents, lang),
              unit(o.unitCode),
            ),
          })),
        ]}
      />
      <div className="grip-form--grid">
        {product.unitCode ? (
          <>
            <TextField
              id={id('volume')}
              label={w.volume}
              description={t.beschikking.volumeHint(unit(product.unitCode))}
              inputMode="numeric"
              value={volume}
              onChange={(e) => setVolume(e.target.value)}
              error={errors[id('volume')]}
            />
            <SelectField
              id={id('frequencyCode')}
              label={w.frequency}
              optional
              value={frequencyCode}
              onChange={(e) => setFrequencyCode(e.target.value)}
              error={errors[id('frequencyCode')]}
              options={[
                { value: '', label: t.decisionCodes.choose },
                ...FREQUENCY_CODES.map((code) => ({
                  value: code,
                  label: t.decisionCodes.frequency[code] ?? code,
                })),
              ]}
            />
          </>
        ) : null}
        <TextField
          id={id('budgetCents')}
          label={w.budget}
          description={w.budgetHint}
          optional
          inputMode="decimal"
          value={budget}
          onChange={(e) => setBudget(e.target.value)}
          error={errors[id('budgetCents')]}
        />
      </div>
      <div className="grip-form__actions">
        <Button type="submit" appearance="primary-action" busy={busy}>
          {w.submit}
        </Button>
      </div>
    </form>
  );
}
