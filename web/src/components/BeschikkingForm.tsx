import { useRef, useState, type FormEvent } from 'react';
import {
  decisionsApi,
  FREQUENCY_CODES,
  type Beschikking,
  type BeschikkingProductInput,
  type CatalogueService,
  type ProductOutcome,
} from '../decisions-api.ts';
import { formatDateInput, parseDateInput, todayIso } from '../format.ts';
import { formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { ChoiceField, DateField, Fieldset, SelectField, TextAreaField, TextField } from './FormField.tsx';
import { Heading, Paragraph } from './Typography.tsx';

interface ProductDraft {
  key: number;
  serviceId: string;
  outcome: ProductOutcome;
  grounds: string;
  startDate: string;
  endDate: string;
  volume: string;
  frequencyCode: string;
  requestedVolume: string;
}

const WHOLE = /^\d{1,6}$/;

/**
 * The beschikking on a melding: decision date, legal grounds, and per product granted or refused with its
 * own grounds; a grant with period, volume and frequency. Field ids follow the API's invalidParams
 * (products[0].serviceId → product-0-serviceId), so server problems land on the right field.
 */
export function BeschikkingForm({
  meldingId,
  services,
  onCreated,
}: {
  meldingId: string;
  services: CatalogueService[];
  onCreated(beschikking: Beschikking): void;
}) {
  const { t, lang } = useI18n();
  const b = t.beschikking;
  const nextKey = useRef(1);
  const blank = (): ProductDraft => ({
    key: nextKey.current++,
    serviceId: '',
    outcome: 'toegekend',
    grounds: '',
    startDate: formatDateInput(todayIso()),
    endDate: '',
    volume: '',
    frequencyCode: '',
    requestedVolume: '',
  });
  const [decidedDate, setDecidedDate] = useState(formatDateInput(todayIso()));
  const [legalGrounds, setLegalGrounds] = useState('');
  const [products, setProducts] = useState<ProductDraft[]>(() => [blank()]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const serviceById = new Map(services.map((s) => [s.id, s]));
  const update = (key: number, patch: Partial<ProductDraft>) =>
    setProducts((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  const fieldOrder = [
    'decidedDate',
    'legalGrounds',
    ...products.flatMap((_, i) =>
      [
        'serviceId',
        'outcome',
        'grounds',
        'startDate',
        'endDate',
        'volume',
        'frequencyCode',
        'requestedVolume',
      ].map((f) => `product-${i}-${f}`),
    ),
  ];

  const validate = (): { fields: FieldErrors; body: BeschikkingProductInput[]; decided: string | null } => {
    const fields: FieldErrors = {};
    const decided = parseDateInput(decidedDate);
    if (!decided) fields.decidedDate = decidedDate.trim() ? t.common.dateInvalid : b.errors.decidedDate;
    if (!legalGrounds.trim()) fields.legalGrounds = b.errors.legalGrounds;
    const seen = new Set<string>();
    const body: BeschikkingProductInput[] = [];
    products.forEach((p, i) => {
      const at = (f: string) => `product-${i}-${f}`;
      if (!p.serviceId) fields[at('serviceId')] = b.errors.service;
      else if (seen.has(p.serviceId)) fields[at('serviceId')] = b.errors.duplicate;
      seen.add(p.serviceId);
      if (!p.grounds.trim()) fields[at('grounds')] = b.errors.grounds;
      const item: BeschikkingProductInput = {
        serviceId: p.serviceId,
        outcome: p.outcome,
        grounds: p.grounds.trim(),
      };
      if (p.outcome === 'toegekend') {
        const start = parseDateInput(p.startDate);
        const end = parseDateInput(p.endDate);
        if (!start) fields[at('startDate')] = p.startDate.trim() ? t.common.dateInvalid : b.errors.startDate;
        if (!end) fields[at('endDate')] = p.endDate.trim() ? t.common.dateInvalid : b.errors.endDate;
        else if (start && end < start) fields[at('endDate')] = b.errors.endBeforeStart;
        const service = serviceById.get(p.serviceId);
        if (service?.unitCode && (!WHOLE.test(p.volume.trim()) || Number(p.volume) < 1))
          fields[at('volume')] = b.errors.volume;
        if (
          p.requestedVolume.trim() &&
          (!WHOLE.test(p.requestedVolume.trim()) || Number(p.requestedVolume) < 1)
        )
          fields[at('requestedVolume')] = b.errors.requestedVolume;
        if (start) item.startDate = start;
        if (end) item.endDate = end;
        if (service?.unitCode && p.volume.trim()) item.volume = Number(p.volume);
        if (p.frequencyCode) item.frequencyCode = p.frequencyCode;
        if (p.requestedVolume.trim()) item.requestedVolume = Number(p.requestedVolume);
      }
      body.push(item);
    });
    return { fields, body, decided };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const { fields, body, decided } = validate();
    setAttempt((n) => n + 1);
    setGeneral([]);
    setErrors(fields);
    if (Object.keys(fields).length > 0 || !decided) return;
    setBusy(true);
    try {
      const { data } = await decisionsApi.createBeschikking({
        meldingId,
        decidedDate: decided,
        legalGrounds: legalGrounds.trim(),
        products: body,
      });
      onCreated(data);
    } catch (error) {
      const ids: Record<string, string> = { decidedDate: 'decidedDate', legalGrounds: 'legalGrounds' };
      products.forEach((_, i) => {
        for (const f of [
          'serviceId',
          'outcome',
          'grounds',
          'startDate',
          'endDate',
          'volume',
          'frequencyCode',
          'requestedVolume',
        ]) {
          ids[`products[${i}].${f}`] = `product-${i}-${f}`;
          ids[`products.${i}.${f}`] = `product-${i}-${f}`;
        }
      });
      ids.products = 'product-0-serviceId';
      const shown = formErrorsFrom(error, t, lang, ids);
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
      setBusy(false);
    }
  };

  const serviceOptions = [
    { value: '', label: t.decisionCodes.choose },
    ...services.map((s) => ({ value: s.id, label: s.productCode ? `${s.name} (${s.productCode})` : s.name })),
  ];
  const frequencyOptions = [
    { value: '', label: t.decisionCodes.choose },
    ...FREQUENCY_CODES.map((code) => ({ value: code, label: t.decisionCodes.frequency[code] ?? code })),
  ];

  return (
    <form className="grip-form" noValidate onSubmit={submit} aria-labelledby="beschikking-form-heading">
      <Heading level={2} id="beschikking-form-heading" className="grip-visually-hidden">
        {b.newTitle}
      </Heading>
      <ErrorSummary items={summaryItems(fieldOrder, errors, general)} focusKey={attempt} />
      <DateField
        id="decidedDate"
        label={b.decidedDate}
        value={decidedDate}
        onChange={(e) => setDecidedDate(e.target.value)}
        error={errors.decidedDate}
      />
      <TextAreaField
        id="legalGrounds"
        label={b.legalGrounds}
        description={b.legalGroundsHint}
        value={legalGrounds}
        rows={2}
        maxLength={2000}
        onChange={(e) => setLegalGrounds(e.target.value)}
        error={errors.legalGrounds}
      />
      <Heading level={2} appearance={3}>
        {b.products}
      </Heading>
      <Paragraph>{b.productsIntro}</Paragraph>
      {products.map((p, i) => {
        const at = (f: string) => `product-${i}-${f}`;
        const service = serviceById.get(p.serviceId);
        const unit = service?.unitCode ? (t.decisionCodes.unit[service.unitCode] ?? service.unitCode) : null;
        return (
          <section key={p.key} className="grip-panel grip-panel--subtle" aria-labelledby={at('heading')}>
            <Heading level={3} appearance={4} id={at('heading')} className="grip-panel__title">
              {b.product(i + 1)}
            </Heading>
            <SelectField
              id={at('serviceId')}
              label={b.service}
              options={serviceOptions}
              value={p.serviceId}
              onChange={(e) => {
                const chosen = serviceById.get(e.target.value);
                update(p.key, { serviceId: e.target.value, frequencyCode: chosen?.frequencyCode ?? '' });
              }}
              error={errors[at('serviceId')]}
            />
            <Fieldset id={at('outcome')} legend={b.outcome} error={errors[at('outcome')]}>
              {(['toegekend', 'afgewezen'] as const).map((outcome) => (
                <ChoiceField
                  key={outcome}
                  id={at(`outcome-${outcome}`)}
                  type="radio"
                  name={at('outcome')}
                  label={outcome === 'toegekend' ? b.outcomeGranted : b.outcomeRefused}
                  checked={p.outcome === outcome}
                  onChange={() => update(p.key, { outcome })}
                />
              ))}
            </Fieldset>
            <TextAreaField
              id={at('grounds')}
              label={b.grounds}
              description={p.outcome === 'toegekend' ? b.groundsGrantedHint : b.groundsRefusedHint}
              value={p.grounds}
              rows={3}
              maxLength={2000}
              onChange={(e) => update(p.key, { grounds: e.target.value })}
              error={errors[at('grounds')]}
            />
            {p.outcome === 'toegekend' ? (
              <div className="grip-form--grid">
                <DateField
                  id={at('startDate')}
                  label={b.startDate}
                  value={p.startDate}
                  onChange={(e) => update(p.key, { startDate: e.target.value })}
                  error={errors[at('startDate')]}
                />
                <DateField
                  id={at('endDate')}
                  label={b.endDate}
                  value={p.endDate}
                  onChange={(e) => update(p.key, { endDate: e.target.value })}
                  error={errors[at('endDate')]}
                />
                {unit ? (
                  <>
                    <TextField
                      id={at('volume')}
                      label={b.volume}
                      description={b.volumeHint(unit)}
                      inputMode="numeric"
                      value={p.volume}
                      onChange={(e) => update(p.key, { volume: e.target.value })}
                      error={errors[at('volume')]}
                    />
                    <SelectField
                      id={at('frequencyCode')}
                      label={b.frequency}
                      optional
                      options={frequencyOptions}
                      value={p.frequencyCode}
                      onChange={(e) => update(p.key, { frequencyCode: e.target.value })}
                      error={errors[at('frequencyCode')]}
                    />
                    <TextField
                      id={at('requestedVolume')}
                      label={b.requestedVolume}
                      description={b.requestedVolumeHint}
                      optional
                      inputMode="numeric"
                      value={p.requestedVolume}
                      onChange={(e) => update(p.key, { requestedVolume: e.target.value })}
                      error={errors[at('requestedVolume')]}
                    />
                  </>
                ) : null}
              </div>
            ) : null}
            {products.length > 1 ? (
              <div className="grip-form__actions">
                <Button
                  appearance="subtle"
                  onClick={() => setProducts((list) => list.filter((x) => x.key !== p.key))}
                >
                  {b.removeProduct(i + 1)}
                </Button>
              </div>
            ) : null}
          </section>
        );
      })}
      <div className="grip-form__actions">
        <Button onClick={() => setProducts((list) => [...list, blank()])} disabled={products.length >= 20}>
          {b.addProduct}
        </Button>
        <Button type="submit" appearance="primary-action" busy={busy}>
          {b.submit}
        </Button>
      </div>
    </form>
  );
}
