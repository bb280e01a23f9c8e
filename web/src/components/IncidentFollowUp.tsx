import { useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import type { FollowUpAction } from '../catalogue-api.ts';
import { formatDateInput, todayIso } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { SelectField, TextAreaField, TextField } from './FormField.tsx';
import { ConflictNotice, problemErrors, readDate, StatusMessage, useFormErrors } from './ServiceShared.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';
import { Paragraph } from './Typography.tsx';

/** The follow-up of an incident or a fraud suspicion: dated actions and the status after each. */
export function FollowUpList({
  actions,
  statusLabels,
}: {
  actions: FollowUpAction[];
  statusLabels: Record<string, string>;
}) {
  const { t, formatDate } = useI18n();
  const c = t.catIncidents;
  if (actions.length === 0) return <Paragraph>{c.noActions}</Paragraph>;
  return (
    <Table caption={c.actionsCaption} hideCaption>
      <TableHead>
        <HeaderCell>{c.colDate}</HeaderCell>
        <HeaderCell>{c.colDescription}</HeaderCell>
        <HeaderCell>{c.colStatusAfter}</HeaderCell>
        <HeaderCell>{c.colBy}</HeaderCell>
      </TableHead>
      <TableBody>
        {actions.map((a) => (
          <Row key={a.id}>
            <Cell className="grip-nowrap">{formatDate(a.actionDate)}</Cell>
            <RowHeaderCell>{a.description}</RowHeaderCell>
            <Cell>{statusLabels[a.statusAfter] ?? a.statusAfter}</Cell>
            <Cell>{a.recordedBy}</Cell>
          </Row>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * A follow-up action (date, what was done, status after) sent with the version it was based on; when
 * someone else recorded one first (412) the caller reloads and the user sees what changed.
 */
export function FollowUpForm({
  idPrefix,
  statuses,
  statusLabels,
  currentStatus,
  onSave,
  onConflict,
}: {
  idPrefix: string;
  statuses: readonly string[];
  statusLabels: Record<string, string>;
  currentStatus: string;
  onSave(body: { actionDate: string; description: string; status: string }): Promise<void>;
  onConflict(): Promise<void>;
}) {
  const { t, lang } = useI18n();
  const c = t.catIncidents;
  const ids = {
    actionDate: `${idPrefix}-date`,
    description: `${idPrefix}-description`,
    status: `${idPrefix}-status`,
  };
  const errors = useFormErrors(Object.values(ids));
  const [date, setDate] = useState(formatDateInput(todayIso()));
  const [description, setDescription] = useState('');
  const [status, setStatus] = useState(currentStatus);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setMessage(null);
    const found: Record<string, string> = {};
    const parsed = readDate(date, t, true);
    const iso = parsed.value;
    if (parsed.error) found[ids.actionDate] = parsed.error;
    if (!description.trim()) found[ids.description] = t.catForm.required;
    if (Object.keys(found).length > 0) return errors.show({ fields: found, general: [] });
    errors.clear();
    setBusy(true);
    try {
      await onSave({ actionDate: iso!, description: description.trim(), status });
      setDescription('');
      setConflict(false);
      setMessage(c.actionSaved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        await onConflict();
        setConflict(true);
      } else errors.show(problemErrors(error, t, lang, ids));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <StatusMessage message={message} />
      <ConflictNotice show={conflict} />
      <ErrorSummary items={errors.items} focusKey={errors.attempt} />
      <form className="grip-form" noValidate onSubmit={submit}>
        <TextField
          id={ids.actionDate}
          label={c.actionDate}
          description={t.common.dateHint}
          autoComplete="off"
          className="grip-input--date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={errors.fields[ids.actionDate]}
        />
        <TextAreaField
          id={ids.description}
          label={c.description}
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.fields[ids.description]}
        />
        <SelectField
          id={ids.status}
          label={c.statusAfter}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          options={statuses.map((s) => ({ value: s, label: statusLabels[s] ?? s }))}
          error={errors.fields[ids.status]}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action" busy={busy}>
            {busy ? t.common.saving : c.saveAction}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
