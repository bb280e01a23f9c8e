import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  catalogueApi,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  type Incident,
  type IncidentKind,
} from '../catalogue-api.ts';
import { errorText } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { SelectField, TextAreaField, TextField } from './FormField.tsx';
import { FollowUpForm, FollowUpList } from './IncidentFollowUp.tsx';
import { LoadingOrError } from './LoadingOrError.tsx';
import { codeOptions, problemErrors, readDate, StatusMessage, useFormErrors } from './ServiceShared.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { Heading, Paragraph } from './Typography.tsx';

const FIELD_IDS = { kind: 'incident-kind', occurredDate: 'incident-date', summary: 'incident-summary' };

/** One incident, its follow-up loaded when opened. */
function IncidentItem({
  incident,
  canFollowUp,
  onChanged,
}: {
  incident: Incident;
  canFollowUp: boolean;
  onChanged(): Promise<void>;
}) {
  const { t, lang, formatDate } = useI18n();
  const c = t.catIncidents;
  const [detail, setDetail] = useState<Incident | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      setDetail((await catalogueApi.getIncident(incident.id)).data);
    } catch (e) {
      setError(errorText(e, t, lang));
    }
  };
  return (
    <li className="grip-panel grip-panel--subtle">
      <Heading level={3} appearance={4}>
        {t.catCodes.incidentKinds[incident.kind]} – {formatDate(incident.occurredDate)}
      </Heading>
      <Paragraph>
        <StatusBadge status={incident.status === 'afgehandeld' ? 'success' : 'warning'}>
          {t.catCodes.incidentStatuses[incident.status]}
        </StatusBadge>
      </Paragraph>
      <Paragraph>{incident.summary}</Paragraph>
      <details
        className="grip-details"
        onToggle={(e) => {
          if ((e.target as HTMLDetailsElement).open && !detail) void load();
        }}
      >
        <summary className="grip-details__summary">
          {c.followUp(t.catCodes.incidentKinds[incident.kind]!)}
        </summary>
        <div className="grip-details__body">
          {detail ? (
            <>
              <FollowUpList actions={detail.actions ?? []} statusLabels={t.catCodes.incidentStatuses} />
              {canFollowUp && detail.status !== 'afgehandeld' ? (
                <FollowUpForm
                  idPrefix={`incident-${incident.id}`}
                  statuses={INCIDENT_STATUSES}
                  statusLabels={t.catCodes.incidentStatuses}
                  currentStatus={detail.status}
                  onSave={async (body) => {
                    const { data } = await catalogueApi.followUpIncident(detail.id, detail.version, {
                      ...body,
                      status: body.status as Incident['status'],
                    });
                    setDetail(data);
                    await onChanged();
                  }}
                  onConflict={load}
                />
              ) : null}
            </>
          ) : (
            <LoadingOrError error={error} />
          )}
        </div>
      </details>
    </li>
  );
}

/**
 * Incidents, calamities, complaints and audit findings about a provider with their follow-up (contract
 * managers), and the form to report one (also caseworkers, who do not see the list).
 */
export function IncidentSection({ providerId, canList }: { providerId: string; canList: boolean }) {
  const { t, lang } = useI18n();
  const c = t.catIncidents;
  const [items, setItems] = useState<Incident[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [kind, setKind] = useState<IncidentKind>('incident');
  const [date, setDate] = useState('');
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const errors = useFormErrors(Object.values(FIELD_IDS));

  const load = useCallback(async () => {
    if (!canList) return;
    const { data } = await catalogueApi.listIncidents({ providerId });
    setItems(data.items);
  }, [providerId, canList]);

  useEffect(() => {
    load().catch((e: unknown) => setLoadError(errorText(e, t, lang)));
  }, [load]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setMessage(null);
    const found: Record<string, string> = {};
    const occurred = readDate(date, t, true);
    if (occurred.error) found['incident-date'] = occurred.error;
    if (!summary.trim()) found['incident-summary'] = t.catForm.required;
    if (Object.keys(found).length > 0) return errors.show({ fields: found, general: [] });
    errors.clear();
    setBusy(true);
    try {
      await catalogueApi.reportIncident(providerId, {
        kind,
        occurredDate: occurred.value!,
        summary: summary.trim(),
      });
      setDate('');
      setSummary('');
      await load();
      setMessage(c.reported);
    } catch (error) {
      errors.show(problemErrors(error, t, lang, FIELD_IDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="grip-section" aria-labelledby="incidents-heading">
      <Heading level={2} id="incidents-heading">
        {c.heading}
      </Heading>
      {canList ? (
        items === null ? (
          <LoadingOrError error={loadError} />
        ) : items.length === 0 ? (
          <Paragraph>{c.none}</Paragraph>
        ) : (
          <ul className="grip-plain-list grip-stack">
            {items.map((incident) => (
              <IncidentItem key={incident.id} incident={incident} canFollowUp onChanged={load} />
            ))}
          </ul>
        )
      ) : null}
      <details className="grip-details">
        <summary className="grip-details__summary">{c.report}</summary>
        <div className="grip-details__body">
          <Paragraph>{c.reportHint}</Paragraph>
          <StatusMessage message={message} />
          <ErrorSummary items={errors.items} focusKey={errors.attempt} />
          <form className="grip-form" noValidate onSubmit={submit}>
            <SelectField
              id="incident-kind"
              label={c.kind}
              value={kind}
              onChange={(e) => setKind(e.target.value as IncidentKind)}
              options={codeOptions(INCIDENT_KINDS, t.catCodes.incidentKinds)}
              error={errors.fields['incident-kind']}
            />
            <TextField
              id="incident-date"
              label={c.occurred}
              description={t.common.dateHint}
              autoComplete="off"
              className="grip-input--date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              error={errors.fields['incident-date']}
            />
            <TextAreaField
              id="incident-summary"
              label={c.summary}
              rows={3}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              error={errors.fields['incident-summary']}
            />
            <ButtonGroup>
              <Button type="submit" appearance="primary-action" busy={busy}>
                {busy ? t.common.saving : c.report}
              </Button>
            </ButtonGroup>
          </form>
        </div>
      </details>
    </section>
  );
}
