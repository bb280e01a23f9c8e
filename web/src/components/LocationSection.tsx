import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { CAPACITY_UNITS, catalogueApi, type CapacityUnit, type ServiceLocation } from '../catalogue-api.ts';
import { errorText } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Alert } from './Alert.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { SelectField, TextField } from './FormField.tsx';
import {
  codeOptions,
  ConflictNotice,
  isConflict,
  problemErrors,
  StatusMessage,
  useFormErrors,
} from './ServiceShared.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';
import { Heading, Paragraph } from './Typography.tsx';

const FIELD_IDS = {
  name: 'location-name',
  buurtCode: 'location-buurt',
  streetAddress: 'location-address',
  capacity: 'location-capacity',
  capacityUnit: 'location-capacity-unit',
  openingHours: 'location-hours',
};
const FIELD_ORDER = Object.values(FIELD_IDS);

const EMPTY_DRAFT = {
  name: '',
  buurtCode: '',
  streetAddress: '',
  capacity: '',
  capacityUnit: '' as CapacityUnit | '',
  openingHours: '',
};

/** What the form shows for a saved location. */
function draftOf(l: ServiceLocation): typeof EMPTY_DRAFT {
  return {
    name: l.name,
    buurtCode: l.buurtCode,
    streetAddress: l.streetAddress ?? '',
    capacity: l.capacity === null ? '' : String(l.capacity),
    capacityUnit: l.capacityUnit ?? '',
    openingHours: l.openingHours ?? '',
  };
}

/**
 * The locations of a service by wijk with their capacity; the beheerder adds, changes or removes one. A
 * change that meets a newer version (412) shows what is saved now and keeps what the user typed.
 */
export function LocationSection({
  serviceId,
  locations,
  canEdit,
  onChanged,
}: {
  serviceId: string;
  locations: ServiceLocation[];
  canEdit: boolean;
  onChanged(): Promise<void>;
}) {
  const { t, lang } = useI18n();
  const c = t.catLocations;
  const [buurten, setBuurten] = useState<{ code: string; name: string; wijkCode: string }[]>([]);
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const editing = locations.find((l) => l.id === editingId) ?? null;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const errors = useFormErrors(FIELD_ORDER);

  // Opening a location for a change moves focus to the form, which sits below the table.
  useEffect(() => {
    if (editingId) document.getElementById('location-name')?.focus();
  }, [editingId]);

  useEffect(() => {
    if (!canEdit) return;
    const controller = new AbortController();
    catalogueApi
      .buurten(controller.signal)
      .then(({ data }) => setBuurten(data.items))
      .catch(() => setBuurten([]));
    return () => controller.abort();
  }, [canEdit]);

  const sorted = [...locations].sort(
    (a, b) => a.wijkName.localeCompare(b.wijkName, 'nl') || a.name.localeCompare(b.name, 'nl'),
  );
  const capacityText = (l: ServiceLocation) =>
    l.capacity === null
      ? t.common.empty
      : `${l.capacity}${l.capacityUnit ? ` ${t.catCodes.capacityUnits[l.capacityUnit]}` : ''}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setMessage(null);
    const found: Record<string, string> = {};
    if (!draft.name.trim()) found['location-name'] = t.catForm.required;
    if (!draft.buurtCode) found['location-buurt'] = t.catForm.required;
    if (draft.capacity.trim() && !/^\d{1,7}$/.test(draft.capacity.trim()))
      found['location-capacity'] = t.catForm.numberInvalid;
    if (Object.keys(found).length > 0) return errors.show({ fields: found, general: [] });
    errors.clear();
    setBusy(true);
    const body = {
      name: draft.name.trim(),
      buurtCode: draft.buurtCode,
      streetAddress: draft.streetAddress.trim() || null,
      capacity: draft.capacity.trim() ? Number(draft.capacity.trim()) : null,
      capacityUnit: draft.capacityUnit || null,
      openingHours: draft.openingHours.trim() || null,
    };
    try {
      if (editing) await catalogueApi.updateLocation(editing.id, editing.version, body);
      else await catalogueApi.createLocation(serviceId, body);
      setDraft(EMPTY_DRAFT);
      setEditingId(null);
      setConflict(false);
      await onChanged();
      setMessage(editing ? c.updated : c.added);
    } catch (error) {
      if (editing && isConflict(error)) {
        await onChanged();
        setConflict(true);
      } else errors.show(problemErrors(error, t, lang, FIELD_IDS));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (location: ServiceLocation) => {
    setMessage(null);
    setRemoveError(null);
    try {
      await catalogueApi.deleteLocation(location.id, location.version);
      await onChanged();
      setMessage(c.removed);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) await onChanged();
      setRemoveError(errorText(error, t, lang));
    }
  };

  return (
    <section className="grip-section" aria-labelledby="locations-heading">
      <Heading level={2} id="locations-heading">
        {c.heading}
      </Heading>
      {canEdit ? <StatusMessage message={message} /> : null}
      {removeError ? (
        <Alert type="error" role="alert">
          <Paragraph>{removeError}</Paragraph>
        </Alert>
      ) : null}
      {sorted.length === 0 ? (
        <Paragraph>{c.none}</Paragraph>
      ) : (
        <Table caption={c.caption} hideCaption>
          <TableHead>
            <HeaderCell>{c.colWijk}</HeaderCell>
            <HeaderCell>{c.colName}</HeaderCell>
            <HeaderCell>{c.colAddress}</HeaderCell>
            <HeaderCell>{c.colCapacity}</HeaderCell>
            <HeaderCell>{c.colHours}</HeaderCell>
            {canEdit ? <HeaderCell>{c.colActions}</HeaderCell> : null}
          </TableHead>
          <TableBody>
            {sorted.map((l) => (
              <Row key={l.id}>
                <Cell>{l.wijkName}</Cell>
                <RowHeaderCell>{l.name}</RowHeaderCell>
                <Cell>{[l.streetAddress, l.buurtName].filter(Boolean).join(', ')}</Cell>
                <Cell>{capacityText(l)}</Cell>
                <Cell>{l.openingHours ?? t.common.empty}</Cell>
                {canEdit ? (
                  <Cell>
                    <ButtonGroup>
                      <Button
                        appearance="subtle"
                        aria-expanded={editingId === l.id}
                        onClick={() => {
                          setMessage(null);
                          setConflict(false);
                          errors.clear();
                          setEditingId(l.id);
                          setDraft(draftOf(l));
                        }}
                      >
                        {c.edit(l.name)}
                      </Button>
                      <Button appearance="subtle" onClick={() => void remove(l)}>
                        {c.remove(l.name)}
                      </Button>
                    </ButtonGroup>
                  </Cell>
                ) : null}
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
      {canEdit ? (
        <div className="grip-panel grip-panel--subtle">
          <Heading level={3} className="grip-panel__title">
            {editing ? c.editHeading(editing.name) : c.addHeading}
          </Heading>
          <ConflictNotice show={conflict} />
          <ErrorSummary items={errors.items} focusKey={errors.attempt} />
          <form className="grip-form grip-form--grid" noValidate onSubmit={submit}>
            <TextField
              id="location-name"
              label={c.name}
              autoComplete="off"
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              error={errors.fields['location-name']}
            />
            <SelectField
              id="location-buurt"
              label={c.buurt}
              description={c.buurtHint}
              value={draft.buurtCode}
              onChange={(e) => setDraft({ ...draft, buurtCode: e.target.value })}
              options={[
                { value: '', label: c.chooseBuurt },
                ...buurten.map((b) => ({ value: b.code, label: `${b.name} (${b.code})` })),
              ]}
              error={errors.fields['location-buurt']}
            />
            <TextField
              id="location-address"
              label={c.address}
              optional
              autoComplete="off"
              value={draft.streetAddress}
              onChange={(e) => setDraft({ ...draft, streetAddress: e.target.value })}
              error={errors.fields['location-address']}
            />
            <TextField
              id="location-capacity"
              label={c.capacity}
              optional
              inputMode="numeric"
              autoComplete="off"
              value={draft.capacity}
              onChange={(e) => setDraft({ ...draft, capacity: e.target.value })}
              error={errors.fields['location-capacity']}
            />
            <SelectField
              id="location-capacity-unit"
              label={c.capacityUnit}
              optional
              value={draft.capacityUnit}
              onChange={(e) => setDraft({ ...draft, capacityUnit: e.target.value as CapacityUnit | '' })}
              options={[
                { value: '', label: c.noCapacityUnit },
                ...codeOptions(CAPACITY_UNITS, t.catCodes.capacityUnits),
              ]}
              error={errors.fields['location-capacity-unit']}
            />
            <TextField
              id="location-hours"
              label={c.hours}
              optional
              autoComplete="off"
              value={draft.openingHours}
              onChange={(e) => setDraft({ ...draft, openingHours: e.target.value })}
              error={errors.fields['location-hours']}
            />
            <ButtonGroup>
              <Button type="submit" appearance="primary-action" busy={busy}>
                {editing
                  ? busy
                    ? t.catForm.saving
                    : t.catForm.save
                  : busy
                    ? t.catForm.adding
                    : c.addHeading}
              </Button>
              {editing ? (
                <Button
                  onClick={() => {
                    setEditingId(null);
                    setConflict(false);
                    errors.clear();
                    setDraft(EMPTY_DRAFT);
                  }}
                >
                  {t.catForm.cancel}
                </Button>
              ) : null}
            </ButtonGroup>
          </form>
        </div>
      ) : null}
    </section>
  );
}
