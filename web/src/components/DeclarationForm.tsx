import { useRef, useState, type FormEvent } from 'react';
import {
  decisionsApi,
  formatEuro,
  parseEuroInput,
  UNIT_CODES,
  type Declaration,
  type DeclarationLineInput,
  type Toewijzing,
} from '../decisions-api.ts';
import { formatDateInput, parseDateInput, todayIso } from '../format.ts';
import { formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { DateField, SelectField, TextField } from './FormField.tsx';
import { Heading, Paragraph } from './Typography.tsx';

interface LineDraft {
  key: number;
  toewijzingId: string;
  periodStartDate: string;
  periodEndDate: string;
  volume: string;
  unitCode: string;
  tariff: string;
}

const LINE_FIELDS = [
  'toewijzingNumber',
  'periodStartDate',
  'periodEndDate',
  'volume',
  'unitCode',
  'tariffCents',
];

function monthBounds(today: string): [string, string] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return [`${y}-${mm}-01`, `${y}-${mm}-${String(last).padStart(2, '0')}`];
}

/**
 * A declaration for a period (like the 323 message): a number of the provider's own, the law, the
 * period, and lines per allocation with period, quantity, unit and tariff; the amount of a line is
 * quantity × tariff (euro lines: the quantity is the amount). The server checks each line and answers
 * per line accepted or rejected.
 */
export function DeclarationForm({
  allocations,
  onCreated,
}: {
  allocations: Toewijzing[];
  onCreated(declaration: Declaration): void;
}) {
  const { t, lang } = useI18n();
  const p = t.provider;
  const [monthStart, monthEnd] = monthBounds(todayIso());
  const laws = [...new Set(allocations.map((a) => a.lawCode))].filter((l) => l === 'wmo' || l === 'jeugdwet');
  const [lawCode, setLawCode] = useState<'wmo' | 'jeugdwet'>(
    (laws[0] as 'wmo' | 'jeugdwet' | undefined) ?? 'wmo',
  );
  const [number, setNumber] = useState('');
  const [periodStart, setPeriodStart] = useState(formatDateInput(monthStart));
  const [periodEnd, setPeriodEnd] = useState(formatDateInput(monthEnd));
  const nextKey = useRef(1);
  const blank = (): LineDraft => ({
    key: nextKey.current++,
    toewijzingId: '',
    periodStartDate: periodStart,
    periodEndDate: periodEnd,
    volume: '',
    unitCode: '',
    tariff: '',
  });
  const [lines, setLines] = useState<LineDraft[]>(() => [blank()]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const ofLaw = allocations.filter((a) => a.lawCode === lawCode);
  const byId = new Map(allocations.map((a) => [a.id, a]));
  const update = (key: number, patch: Partial<LineDraft>) =>
    setLines((list) => list.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const at = (i: number, f: string) => `line-${i}-${f}`;
  const fieldOrder = [
    'declarationNumber',
    'lawCode',
    'periodStartDate',
    'periodEndDate',
    ...lines.flatMap((_, i) => LINE_FIELDS.map((f) => at(i, f))),
  ];

  const amountOf = (l: LineDraft): number | null => {
    const tariff = parseEuroInput(l.tariff);
    if (!/^\d{1,7}$/.test(l.volume.trim()) || tariff === null) return null;
    return l.unitCode === '83' ? Number(l.volume) * 100 : Number(l.volume) * tariff;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields: FieldErrors = {};
    if (!number.trim() || number.trim().length > 12) fields.declarationNumber = p.errors.number;
    const start = parseDateInput(periodStart);
    const end = parseDateInput(periodEnd);
    if (!start) fields.periodStartDate = p.errors.date;
    if (!end) fields.periodEndDate = p.errors.date;
    else if (start && end < start) fields.periodEndDate = p.errors.endBeforeStart;
    const body: DeclarationLineInput[] = [];
    lines.forEach((l, i) => {
      const allocation = byId.get(l.toewijzingId);
      if (!allocation) fields[at(i, 'toewijzingNumber')] = p.errors.allocation;
      const from = parseDateInput(l.periodStartDate);
      const to = parseDateInput(l.periodEndDate);
      if (!from) fields[at(i, 'periodStartDate')] = p.errors.date;
      if (!to) fields[at(i, 'periodEndDate')] = p.errors.date;
      else if (from && to < from) fields[at(i, 'periodEndDate')] = p.errors.endBeforeStart;
      if (!/^\d{1,7}$/.test(l.volume.trim())) fields[at(i, 'volume')] = p.errors.volume;
      const tariff = parseEuroInput(l.tariff);
      if (tariff === null) fields[at(i, 'tariffCents')] = p.errors.tariff;
      const unitCode = l.unitCode || allocation?.unitCode || '';
      const amount = amountOf({ ...l, unitCode });
      if (allocation && from && to && tariff !== null && amount !== null) {
        body.push({
          toewijzingNumber: allocation.toewijzingNumber,
          periodStartDate: from,
          periodEndDate: to,
          volume: Number(l.volume),
          unitCode,
          tariffCents: tariff,
          amountCents: amount,
          ...(allocation.productCategoryCode ? { productCategoryCode: allocation.productCategoryCode } : {}),
          ...(allocation.productCode ? { productCode: allocation.productCode } : {}),
        });
      }
    });
    setAttempt((n) => n + 1);
    setErrors(fields);
    setGeneral([]);
    if (Object.keys(fields).length > 0 || !start || !end) return;
    setBusy(true);
    try {
      const { data } = await decisionsApi.createDeclaration({
        declarationNumber: number.trim(),
        lawCode,
        periodStartDate: start,
        periodEndDate: end,
        lines: body,
      });
      onCreated(data);
    } catch (error) {
      const ids: Record<string, string> = {
        declarationNumber: 'declarationNumber',
        lawCode: 'lawCode',
        periodStartDate: 'periodStartDate',
        periodEndDate: 'periodEndDate',
      };
      lines.forEach((_, i) => {
        for (const f of [...LINE_FIELDS, 'amountCents']) {
          const target = at(i, f === 'amountCents' ? 'tariffCents' : f);
          ids[`lines.${i}.${f}`] = target;
          ids[`lines[${i}].${f}`] = target;
        }
      });
      const shown = formErrorsFrom(error, t, lang, ids);
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
      setBusy(false);
    }
  };

  const allocationOptions = [
    { value: '', label: t.decisionCodes.choose },
    ...ofLaw.map((a) => ({
      value: a.id,
      label: p.allocationOption(a.toewijzingNumber, a.client.name, a.serviceName),
    })),
  ];
  const unitOptions = UNIT_CODES.map((code) => ({
    value: code,
    label: t.decisionCodes.codeAndName(code, t.decisionCodes.unit[code]),
  }));

  return (
    <form className="grip-form" noValidate onSubmit={submit} aria-labelledby="declaration-form-heading">
      <Heading level={2} id="declaration-form-heading" className="grip-visually-hidden">
        {p.newTitle}
      </Heading>
      <ErrorSummary items={summaryItems(fieldOrder, errors, general)} focusKey={attempt} />
      <div className="grip-form--grid">
        <TextField
          id="declarationNumber"
          label={p.declarationNumber}
          description={p.numberHint}
          maxLength={12}
          autoComplete="off"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          error={errors.declarationNumber}
        />
        <SelectField
          id="lawCode"
          label={p.lawField}
          value={lawCode}
          onChange={(e) => {
            setLawCode(e.target.value as 'wmo' | 'jeugdwet');
            setLines((list) => list.map((l) => ({ ...l, toewijzingId: '' })));
          }}
          options={(['wmo', 'jeugdwet'] as const).map((law) => ({
            value: law,
            label: t.decisionCodes.law[law] ?? law,
          }))}
          error={errors.lawCode}
        />
        <DateField
          id="periodStartDate"
          label={p.periodStart}
          value={periodStart}
          onChange={(e) => setPeriodStart(e.target.value)}
          error={errors.periodStartDate}
        />
        <DateField
          id="periodEndDate"
          label={p.periodEnd}
          value={periodEnd}
          onChange={(e) => setPeriodEnd(e.target.value)}
          error={errors.periodEndDate}
        />
      </div>
      <Heading level={2} appearance={3}>
        {p.linesHeading}
      </Heading>
      {ofLaw.length === 0 ? <Paragraph>{p.noAllocationsForLaw}</Paragraph> : null}
      {lines.map((l, i) => {
        const allocation = byId.get(l.toewijzingId);
        const unitCode = l.unitCode || allocation?.unitCode || '';
        const amount = amountOf({ ...l, unitCode });
        return (
          <section key={l.key} className="grip-panel grip-panel--subtle" aria-labelledby={at(i, 'heading')}>
            <Heading level={3} appearance={4} id={at(i, 'heading')} className="grip-panel__title">
              {p.line(i + 1)}
            </Heading>
            <SelectField
              id={at(i, 'toewijzingNumber')}
              label={p.allocation}
              options={allocationOptions}
              value={l.toewijzingId}
              onChange={(e) => {
                const chosen = byId.get(e.target.value);
                update(l.key, { toewijzingId: e.target.value, unitCode: chosen?.unitCode ?? '' });
              }}
              error={errors[at(i, 'toewijzingNumber')]}
            />
            <div className="grip-form--grid">
              <DateField
                id={at(i, 'periodStartDate')}
                label={p.lineStart}
                value={l.periodStartDate}
                onChange={(e) => update(l.key, { periodStartDate: e.target.value })}
                error={errors[at(i, 'periodStartDate')]}
              />
              <DateField
                id={at(i, 'periodEndDate')}
                label={p.lineEnd}
                value={l.periodEndDate}
                onChange={(e) => update(l.key, { periodEndDate: e.target.value })}
                error={errors[at(i, 'periodEndDate')]}
              />
              <TextField
                id={at(i, 'volume')}
                label={p.volume}
                inputMode="numeric"
                value={l.volume}
                onChange={(e) => update(l.key, { volume: e.target.value })}
                error={errors[at(i, 'volume')]}
              />
              <SelectField
                id={at(i, 'unitCode')}
                label={p.unit}
                options={[{ value: '', label: t.decisionCodes.choose }, ...unitOptions]}
                value={unitCode}
                onChange={(e) => update(l.key, { unitCode: e.target.value })}
                error={errors[at(i, 'unitCode')]}
              />
              <TextField
                id={at(i, 'tariffCents')}
                label={p.tariff}
                description={p.tariffHint}
                inputMode="decimal"
                value={l.tariff}
                onChange={(e) => update(l.key, { tariff: e.target.value })}
                error={errors[at(i, 'tariffCents')]}
              />
            </div>
            <Paragraph>{p.lineAmount(amount === null ? t.common.empty : formatEuro(amount, lang))}</Paragraph>
            {lines.length > 1 ? (
              <div className="grip-form__actions">
                <Button
                  appearance="subtle"
                  onClick={() => setLines((list) => list.filter((x) => x.key !== l.key))}
                >
                  {p.removeLine(i + 1)}
                </Button>
              </div>
            ) : null}
          </section>
        );
      })}
      <div className="grip-form__actions">
        <Button onClick={() => setLines((list) => [...list, blank()])} disabled={lines.length >= 200}>
          {p.addLine}
        </Button>
        <Button type="submit" appearance="primary-action" busy={busy}>
          {p.submit}
        </Button>
      </div>
    </form>
  );
}
