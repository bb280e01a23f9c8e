import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  catalogueApi,
  CHECK_ITEMS,
  CHECK_OUTCOMES,
  CHECK_PHASES,
  type CheckItem,
  type CheckOutcome,
  type CheckPhase,
  type ChecklistState,
  type QualityChecks,
} from '../catalogue-api.ts';
import { formatDateInput, todayIso } from '../format.ts';
import { errorText } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Alert } from './Alert.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { SelectField, TextAreaField, TextField } from './FormField.tsx';
import { LoadingOrError } from './LoadingOrError.tsx';
import { codeOptions, problemErrors, readDate, StatusMessage, useFormErrors } from './ServiceShared.tsx';
import { StatusBadge, type BadgeStatus } from './StatusBadge.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';
import { Heading, Paragraph } from './Typography.tsx';

const FIELD_IDS = {
  phase: 'check-phase',
  item: 'check-item',
  outcome: 'check-outcome',
  checkedDate: 'check-date',
  notes: 'check-notes',
};
const FIELD_ORDER = Object.values(FIELD_IDS);

const BADGE: Record<ChecklistState, BadgeStatus> = {
  voldaan: 'success',
  'niet-van-toepassing': 'neutral',
  open: 'warning',
  'niet-voldaan': 'danger',
  ontbreekt: 'inactive',
};

/**
 * The barrièremodel checklist of a provider: per item the state of the latest check before contracting and
 * whether it stops a contract from becoming active (in words, not only by colour), and the form to record
 * a check (before contracting, or an audit during the contract).
 */
export function QualityCheckSection({ providerId, onRecorded }: { providerId: string; onRecorded?(): void }) {
  const { t, lang, formatDate, formatDateTime } = useI18n();
  const c = t.catQuality;
  const [data, setData] = useState<QualityChecks | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState({
    phase: 'voor-contractering' as CheckPhase,
    item: 'kvk-uittreksel' as CheckItem,
    outcome: 'voldaan' as CheckOutcome,
    checkedDate: formatDateInput(todayIso()),
    notes: '',
  });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const errors = useFormErrors(FIELD_ORDER);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      const { data: next } = await catalogueApi.qualityChecks(providerId, signal);
      setData(next);
    },
    [providerId],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).catch((e: unknown) => {
      if (!controller.signal.aborted) setLoadError(errorText(e, t, lang));
    });
    return () => controller.abort();
  }, [load]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setMessage(null);
    const date = readDate(draft.checkedDate, t, true);
    if (date.error) return errors.show({ fields: { 'check-date': date.error }, general: [] });
    errors.clear();
    setBusy(true);
    try {
      const { data: created } = await catalogueApi.recordQualityCheck(providerId, {
        ...draft,
        checkedDate: date.value!,
        notes: draft.notes.trim(),
      });
      await load();
      setDraft({ ...draft, notes: '' });
      setMessage(created.incidentId ? c.recordedWithIncident : c.recorded);
      onRecorded?.();
    } catch (error) {
      errors.show(problemErrors(error, t, lang, FIELD_IDS));
    } finally {
      setBusy(false);
    }
  };

  const blocking = data?.checklist.lines.filter((l) => l.blocks).length ?? 0;
  return (
    <section className="grip-section" aria-labelledby="quality-heading">
      <Heading level={2} id="quality-heading">
        {c.heading}
      </Heading>
      <Paragraph>{c.intro}</Paragraph>
      {!data ? (
        <LoadingOrError error={loadError} />
      ) : (
        <>
          <Alert type={data.checklist.complete ? 'ok' : 'warning'}>
            <Paragraph>{data.checklist.complete ? c.complete : c.incomplete(blocking)}</Paragraph>
          </Alert>
          <Table caption={c.caption}>
            <TableHead>
              <HeaderCell>{c.colItem}</HeaderCell>
              <HeaderCell>{c.colRequired}</HeaderCell>
              <HeaderCell>{c.colState}</HeaderCell>
              <HeaderCell>{c.colDate}</HeaderCell>
            </TableHead>
            <TableBody>
              {data.checklist.lines.map((line) => (
                <Row key={line.item}>
                  <RowHeaderCell>{line.label[lang]}</RowHeaderCell>
                  <Cell>{line.required ? t.common.yes : t.common.no}</Cell>
                  <Cell>
                    <span className="grip-badges">
                      <StatusBadge status={BADGE[line.state]}>
                        {t.catCodes.checkStates[line.state]}
                      </StatusBadge>
                      {line.blocks ? <StatusBadge status="danger">{c.blocks}</StatusBadge> : null}
                    </span>
                  </Cell>
                  <Cell className="grip-nowrap">
                    {line.checkedDate ? formatDate(line.checkedDate) : t.common.empty}
                  </Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        </>
      )}
      <div className="grip-panel grip-panel--subtle">
        <Heading level={3} className="grip-panel__title">
          {c.recordHeading}
        </Heading>
        <StatusMessage message={message} />
        <ErrorSummary items={errors.items} focusKey={errors.attempt} />
        <form className="grip-form grip-form--grid" noValidate onSubmit={submit}>
          <SelectField
            id="check-phase"
            label={c.phase}
            value={draft.phase}
            onChange={(e) => setDraft({ ...draft, phase: e.target.value as CheckPhase })}
            options={codeOptions(CHECK_PHASES, t.catCodes.phases)}
            error={errors.fields['check-phase']}
          />
          <SelectField
            id="check-item"
            label={c.item}
            value={draft.item}
            onChange={(e) => setDraft({ ...draft, item: e.target.value as CheckItem })}
            options={codeOptions(CHECK_ITEMS, t.catCodes.checkItems)}
            error={errors.fields['check-item']}
          />
          <SelectField
            id="check-outcome"
            label={c.outcome}
            value={draft.outcome}
            onChange={(e) => setDraft({ ...draft, outcome: e.target.value as CheckOutcome })}
            options={codeOptions(CHECK_OUTCOMES, t.catCodes.checkStates)}
            error={errors.fields['check-outcome']}
          />
          <TextField
            id="check-date"
            label={c.checkedDate}
            description={t.common.dateHint}
            autoComplete="off"
            className="grip-input--date"
            value={draft.checkedDate}
            onChange={(e) => setDraft({ ...draft, checkedDate: e.target.value })}
            error={errors.fields['check-date']}
          />
          <TextAreaField
            id="check-notes"
            label={c.notes}
            optional
            rows={2}
            value={draft.notes}
            onChange={(e) => setDraft({ ...draft, notes: e.target.value })}
            error={errors.fields['check-notes']}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action" busy={busy}>
              {busy ? t.common.saving : c.recordHeading}
            </Button>
          </ButtonGroup>
        </form>
      </div>
      {data && data.checks.length > 0 ? (
        <details className="grip-details">
          <summary className="grip-details__summary">{c.historyHeading}</summary>
          <div className="grip-details__body">
            <Table caption={c.historyCaption} hideCaption>
              <TableHead>
                <HeaderCell>{c.colDate}</HeaderCell>
                <HeaderCell>{c.colItem}</HeaderCell>
                <HeaderCell>{c.colPhase}</HeaderCell>
                <HeaderCell>{c.colState}</HeaderCell>
                <HeaderCell>{c.colNotes}</HeaderCell>
                <HeaderCell>{c.colBy}</HeaderCell>
              </TableHead>
              <TableBody>
                {data.checks.map((check) => (
                  <Row key={check.id}>
                    <Cell className="grip-nowrap">{formatDate(check.checkedDate)}</Cell>
                    <RowHeaderCell>{t.catCodes.checkItems[check.item] ?? check.item}</RowHeaderCell>
                    <Cell>{t.catCodes.phases[check.phase]}</Cell>
                    <Cell>{t.catCodes.checkStates[check.outcome]}</Cell>
                    <Cell>{check.notes || t.common.empty}</Cell>
                    <Cell>
                      {check.recordedBy ?? t.common.empty}
                      <br />
                      <span className="grip-nowrap">{formatDateTime(check.recordedAt)}</span>
                    </Cell>
                  </Row>
                ))}
              </TableBody>
            </Table>
          </div>
        </details>
      ) : null}
    </section>
  );
}
