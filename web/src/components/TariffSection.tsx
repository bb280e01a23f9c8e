import { useState, type FormEvent } from 'react';
import { catalogueApi, parseEuros, type Tariff } from '../catalogue-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { TextField } from './FormField.tsx';
import { TariffPeriodEditForm } from './TariffPeriodEditForm.tsx';
import { problemErrors, readDate, StatusMessage, useFormErrors, useMoney } from './ServiceShared.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';
import { Heading, Paragraph } from './Typography.tsx';

const FIELD_IDS = {
  validFromDate: 'tariff-from',
  validUntilDate: 'tariff-until',
  tariffCents: 'tariff-amount',
};
const FIELD_ORDER = ['tariff-from', 'tariff-until', 'tariff-amount'];
const RECENT = 6;

/** The reference tariffs of a service by period (newest first) and, for the beheerder, a form to add one. */
export function TariffSection({
  serviceId,
  unitCode,
  tariffs,
  canEdit,
  onChanged,
}: {
  serviceId: string;
  unitCode: string | null;
  tariffs: Tariff[];
  canEdit: boolean;
  onChanged(): Promise<void>;
}) {
  const { t, lang, formatDate } = useI18n();
  const c = t.catTariffs;
  const money = useMoney();
  const [showAll, setShowAll] = useState(false);
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = tariffs.find((x) => x.id === editingId) ?? null;
  const errors = useFormErrors(FIELD_ORDER);
  const sorted = [...tariffs].sort((a, b) => b.validFromDate.localeCompare(a.validFromDate));
  const shown = showAll ? sorted : sorted.slice(0, RECENT);
  const unitText = (code: string) => `${code} ${t.catCodes.units[code] ?? ''}`.trim();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setMessage(null);
    const found: Record<string, string> = {};
    const start = readDate(from, t, true);
    const end = readDate(until, t, false);
    const cents = parseEuros(amount);
    if (start.error) found['tariff-from'] = start.error;
    if (end.error) found['tariff-until'] = end.error;
    if (cents === null) found['tariff-amount'] = t.catForm.euroInvalid;
    if (Object.keys(found).length > 0) return errors.show({ fields: found, general: [] });
    errors.clear();
    setBusy(true);
    try {
      await catalogueApi.createTariff(serviceId, {
        validFromDate: start.value!,
        validUntilDate: end.value,
        tariffCents: cents!,
      });
      setFrom('');
      setUntil('');
      setAmount('');
      await onChanged();
      setMessage(c.added);
    } catch (error) {
      errors.show(problemErrors(error, t, lang, FIELD_IDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="grip-section" aria-labelledby="tariffs-heading">
      <Heading level={2} id="tariffs-heading">
        {c.heading}
      </Heading>
      <Paragraph>{c.intro}</Paragraph>
      {sorted.length === 0 ? (
        <Paragraph>{t.catForm.noneYet}</Paragraph>
      ) : (
        <Table caption={c.caption} hideCaption>
          <TableHead>
            <HeaderCell>{c.colFrom}</HeaderCell>
            <HeaderCell>{c.colUntil}</HeaderCell>
            <HeaderCell>{c.colTariff}</HeaderCell>
            <HeaderCell>{c.colUnit}</HeaderCell>
            {canEdit ? <HeaderCell>{c.colActions}</HeaderCell> : null}
          </TableHead>
          <TableBody>
            {shown.map((tariff) => (
              <Row key={tariff.id}>
                <RowHeaderCell className="grip-nowrap">{formatDate(tariff.validFromDate)}</RowHeaderCell>
                <Cell className="grip-nowrap">
                  {tariff.validUntilDate ? formatDate(tariff.validUntilDate) : t.catForm.openEnded}
                </Cell>
                <Cell className="grip-nowrap">{money(tariff.tariffCents)}</Cell>
                <Cell>{unitText(tariff.unitCode)}</Cell>
                {canEdit ? (
                  <Cell>
                    <Button
                      appearance="subtle"
                      aria-expanded={editingId === tariff.id}
                      onClick={() => {
                        setMessage(null);
                        setEditingId(tariff.id);
                      }}
                    >
                      {c.edit(formatDate(tariff.validFromDate))}
                    </Button>
                  </Cell>
                ) : null}
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
      {sorted.length > RECENT ? (
        <ButtonGroup>
          <Button appearance="subtle" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
            {showAll ? c.showRecent : c.showAll(sorted.length)}
          </Button>
        </ButtonGroup>
      ) : null}
      {canEdit && editing ? (
        <TariffPeriodEditForm
          key={editing.id}
          idPrefix="tariff-edit"
          heading={c.editHeading(formatDate(editing.validFromDate))}
          current={editing}
          amountLabel={`${c.tariff} (${t.catCodes.units[editing.unitCode] ?? editing.unitCode})`}
          save={async (body, version) => {
            await catalogueApi.updateTariff(serviceId, editing.id, version, body);
          }}
          onSaved={async () => {
            setEditingId(null);
            await onChanged();
            setMessage(c.updated);
          }}
          onConflict={onChanged}
          onCancel={() => setEditingId(null)}
        />
      ) : null}
      {canEdit ? (
        <div className="grip-panel grip-panel--subtle">
          <Heading level={3} className="grip-panel__title">
            {c.addHeading}
          </Heading>
          <StatusMessage message={message} />
          <ErrorSummary items={errors.items} focusKey={errors.attempt} />
          <form className="grip-form grip-form--grid" noValidate onSubmit={submit}>
            <TextField
              id="tariff-from"
              label={c.from}
              description={t.common.dateHint}
              autoComplete="off"
              className="grip-input--date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              error={errors.fields['tariff-from']}
            />
            <TextField
              id="tariff-until"
              label={c.until}
              description={t.catForm.dateHintOpen}
              optional
              autoComplete="off"
              className="grip-input--date"
              value={until}
              onChange={(e) => setUntil(e.target.value)}
              error={errors.fields['tariff-until']}
            />
            <TextField
              id="tariff-amount"
              label={unitCode ? `${c.tariff} (${t.catCodes.units[unitCode] ?? unitCode})` : c.tariff}
              description={t.catForm.euroHint}
              autoComplete="off"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              error={errors.fields['tariff-amount']}
            />
            <ButtonGroup>
              <Button type="submit" appearance="primary-action" busy={busy}>
                {busy ? t.catForm.adding : c.addHeading}
              </Button>
            </ButtonGroup>
          </form>
        </div>
      ) : null}
    </section>
  );
}
