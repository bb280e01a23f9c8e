import { useState, type FormEvent } from 'react';
import { decisionsApi, type Toewijzing } from '../decisions-api.ts';
import { formatDateInput, parseDateInput, todayIso } from '../format.ts';
import { formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { DateField, SelectField } from './FormField.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';
import { endReasonName, endReasonOptions } from './ToewijzingText.tsx';
import { Heading, Paragraph } from './Typography.tsx';

/**
 * The provider's part of an allocation: report the start of care (305) and its stop (307). One delivery
 * runs at a time; a stopped one can be followed by a new start.
 */
export function CareDeliverySection({
  toewijzing: a,
  onDone,
}: {
  toewijzing: Toewijzing;
  onDone(updated: Toewijzing, message: string): void;
}) {
  const { t, lang, formatDate } = useI18n();
  const d = t.delivery;
  const running = a.deliveries.find((x) => x.stopDate === null);
  const closed = a.status === 'ingetrokken';
  const [date, setDate] = useState(formatDateInput(todayIso()));
  const [reasonCode, setReasonCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const dateId = running ? 'delivery-stopDate' : 'delivery-startDate';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields: FieldErrors = {};
    const iso = parseDateInput(date);
    if (!iso) fields[dateId] = d.errors.date;
    if (running && !reasonCode) fields['delivery-reasonCode'] = d.errors.reason;
    setAttempt((n) => n + 1);
    setErrors(fields);
    setGeneral([]);
    if (Object.keys(fields).length > 0 || !iso) return;
    setBusy(true);
    try {
      if (running) {
        const { data } = await decisionsApi.stopDelivery(a.id, { stopDate: iso, reasonCode });
        setReasonCode('');
        onDone(data, d.stopped);
      } else {
        const { data } = await decisionsApi.startDelivery(a.id, iso);
        onDone(data, d.started);
      }
    } catch (error) {
      const shown = formErrorsFrom(error, t, lang, {
        startDate: 'delivery-startDate',
        stopDate: 'delivery-stopDate',
        reasonCode: 'delivery-reasonCode',
      });
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="grip-section" aria-labelledby="delivery-heading">
      <Heading level={2} id="delivery-heading">
        {d.heading}
      </Heading>
      <Paragraph>{d.intro}</Paragraph>
      {a.deliveries.length === 0 ? (
        <Paragraph>{d.none}</Paragraph>
      ) : (
        <Table caption={d.caption}>
          <TableHead>
            <HeaderCell>{d.start}</HeaderCell>
            <HeaderCell>{d.stop}</HeaderCell>
            <HeaderCell>{d.stopReason}</HeaderCell>
          </TableHead>
          <TableBody>
            {a.deliveries.map((x) => (
              <Row key={x.startDate}>
                <RowHeaderCell>{formatDate(x.startDate)}</RowHeaderCell>
                <Cell>{x.stopDate ? formatDate(x.stopDate) : d.running}</Cell>
                <Cell>
                  {x.stopReasonCode ? endReasonName(t, a.lawCode, x.stopReasonCode) : t.common.empty}
                </Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
      {closed ? null : (
        <form
          className="grip-panel grip-form grip-form--inline"
          noValidate
          onSubmit={submit}
          aria-labelledby="delivery-form-heading"
        >
          <Heading level={3} appearance={4} id="delivery-form-heading" className="grip-panel__title">
            {running ? d.stopHeading : d.startHeading}
          </Heading>
          <ErrorSummary
            items={summaryItems([dateId, 'delivery-reasonCode'], errors, general)}
            focusKey={attempt}
          />
          <DateField
            id={dateId}
            key={dateId}
            label={running ? d.stopDate : d.startDate}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            error={errors[dateId]}
          />
          {running ? (
            <SelectField
              id="delivery-reasonCode"
              label={d.stopReasonField}
              options={endReasonOptions(t, a.lawCode)}
              value={reasonCode}
              onChange={(e) => setReasonCode(e.target.value)}
              error={errors['delivery-reasonCode']}
            />
          ) : null}
          <div className="grip-form__actions">
            <Button type="submit" appearance="primary-action" busy={busy}>
              {running ? d.stopSubmit : d.startSubmit}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
