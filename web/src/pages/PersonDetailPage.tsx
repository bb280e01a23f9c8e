import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type Person } from '../api.ts';
import { PERSON_EDIT_ROLES } from '../access.ts';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { DataList } from '../components/DataList.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { Link } from '../components/Link.tsx';
import { PersonNameFields, personNameErrors } from '../components/PersonNameFields.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { takeFlash } from '../flash.ts';
import { ageOn, formatDateInput, fullName, parseDateInput } from '../format.ts';
import { errorText, formErrorsFrom, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

const FIELDS = ['givenNames', 'familyNamePrefix', 'familyName', 'birthDate'] as const;
type Field = (typeof FIELDS)[number];
type Draft = Record<Field, string>;

/** The form's text for each field; the birth date as typed (day-month-year). */
const draftOf = (person: Person): Draft => ({
  givenNames: person.givenNames,
  familyNamePrefix: person.familyNamePrefix ?? '',
  familyName: person.familyName,
  birthDate: formatDateInput(person.birthDate),
});

/** A field's value as the API stores it, so "17-5-1990" and "17-05-1990" count as the same. */
const normal = (field: Field, value: string) =>
  field === 'birthDate' ? (parseDateInput(value) ?? value.trim()) : value.trim();

const differs = (field: Field, a: Draft, b: Draft) => normal(field, a[field]) !== normal(field, b[field]);

/** Only the fields the user changed compared with `base`, in the shape the API expects. */
function changes(base: Draft, draft: Draft) {
  const body: {
    givenNames?: string;
    familyNamePrefix?: string | null;
    familyName?: string;
    birthDate?: string;
  } = {};
  if (differs('givenNames', base, draft)) body.givenNames = draft.givenNames.trim();
  if (differs('familyNamePrefix', base, draft)) body.familyNamePrefix = draft.familyNamePrefix.trim() || null;
  if (differs('familyName', base, draft)) body.familyName = draft.familyName.trim();
  if (differs('birthDate', base, draft)) body.birthDate = normal('birthDate', draft.birthDate);
  return body;
}

export function PersonDetailPage({ id }: { id: string }) {
  const { t, lang, formatDate, formatDateTime } = useI18n();
  const { hasRole } = useSession();
  const canEdit = hasRole(...PERSON_EDIT_ROLES);

  const [person, setPerson] = useState<Person | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(() => takeFlash(`/inwoners/${id}`));
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  /** The version the user started from; on a conflict, what the other person changed is compared with it. */
  const [base, setBase] = useState<Draft | null>(null);
  const [otherChanged, setOtherChanged] = useState<Field[]>([]);
  const [conflict, setConflict] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const firstField = useRef<HTMLInputElement>(null);

  usePageTitle(person ? fullName(person) : t.person.titleFallback);

  useEffect(() => {
    const controller = new AbortController();
    api
      .getPerson(id, controller.signal)
      .then(({ data }) => setPerson(data))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLoadError(error instanceof ApiError && error.status === 404 ? 'not-found' : 'other');
      });
    return () => controller.abort();
  }, [id]);

  useEffect(() => {
    if (editing && !conflict) firstField.current?.focus();
  }, [editing, conflict]);

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  if (loadError || !person) {
    return (
      <div className="grip-stack">
        <Paragraph>
          <Link to="/inwoners" className="grip-back-link">
            {t.person.back}
          </Link>
        </Paragraph>
        <PageTitle>{t.person.titleFallback}</PageTitle>
        {loadError ? (
          <Alert type="error">
            <Paragraph>{loadError === 'not-found' ? t.person.notFound : t.common.unexpectedError}</Paragraph>
          </Alert>
        ) : (
          <div role="status">
            <Paragraph>{t.common.loading}</Paragraph>
          </div>
        )}
      </div>
    );
  }

  const startEditing = () => {
    setMessage(null);
    setDraft(draftOf(person));
    setBase(draftOf(person));
    setOtherChanged([]);
    setErrors({});
    setGeneral([]);
    setConflict(false);
    setEditing(true);
  };

  const stopEditing = () => {
    setEditing(false);
    setConflict(false);
    setDraft(null);
    setBase(null);
    window.requestAnimationFrame(() => editButton.current?.focus());
  };

  const set = (field: Field) => (event: { target: { value: string } }) =>
    setDraft((current) => (current ? { ...current, [field]: event.target.value } : current));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft || busy) return;
    const found = personNameErrors(draft, t);
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    const body = changes(draftOf(person), draft);
    if (Object.keys(body).length === 0) {
      setMessage(t.person.nothingChanged);
      stopEditing();
      return;
    }
    setBusy(true);
    try {
      const { data } = await api.updatePerson(person.id, person.version, body);
      setPerson(data);
      setMessage(t.person.saved);
      stopEditing();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        // Someone else saved first. Keep the fields this user changed, take the rest from the new version,
        // and show both side by side; saving again sends only this user's changes with the new ETag.
        try {
          const { data } = await api.getPerson(person.id);
          const start = base ?? draftOf(person);
          const latest = draftOf(data);
          const mine = FIELDS.filter((field) => differs(field, start, draft));
          const merged = { ...latest };
          for (const field of mine) merged[field] = draft[field];
          setOtherChanged(FIELDS.filter((field) => differs(field, start, latest)));
          setPerson(data);
          setBase(latest);
          setDraft(merged);
          setConflict(true);
        } catch (reloadError) {
          setGeneral([errorText(reloadError, t, lang)]);
          setAttempt((n) => n + 1);
        }
      } else {
        const shown = formErrorsFrom(error, t, lang, Object.fromEntries(FIELDS.map((f) => [f, f])));
        setErrors(shown.fields);
        setGeneral(shown.general);
        setAttempt((n) => n + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  const labels: Record<Field, string> = {
    givenNames: t.person.givenNames,
    familyNamePrefix: t.person.familyNamePrefix,
    familyName: t.person.familyName,
    birthDate: t.person.birthDate,
  };
  const show = (field: Field, value: string) =>
    value.trim() ? (field === 'birthDate' ? formatDate(normal(field, value)) : value.trim()) : t.common.empty;
  const saved = draftOf(person);
  const mine = draft ? FIELDS.filter((field) => differs(field, saved, draft)) : [];
  const differences = FIELDS.filter((field) => mine.includes(field) || otherChanged.includes(field));

  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to="/inwoners" className="grip-back-link">
          {t.person.back}
        </Link>
      </Paragraph>
      <div>
        <PageTitle>{fullName(person)}</PageTitle>
        {person.isSynthetic ? (
          <Paragraph className="grip-badge-line">
            <StatusBadge status="neutral">{t.person.synthetic}</StatusBadge>{' '}
            <span>{t.person.syntheticText}</span>
          </Paragraph>
        ) : null}
      </div>

      <div role="status" className="grip-live-region">
        {message ? (
          <Alert type="ok">
            <Paragraph>{message}</Paragraph>
          </Alert>
        ) : null}
      </div>

      <section aria-labelledby="details-heading" className="grip-section">
        <Heading level={2} id="details-heading">
          {t.person.detailsHeading}
        </Heading>
        <DataList
          items={[
            { key: 'bsn', label: t.person.bsn, value: person.bsn },
            { key: 'givenNames', label: t.person.givenNames, value: person.givenNames },
            {
              key: 'prefix',
              label: t.person.familyNamePrefix,
              value: person.familyNamePrefix || t.common.empty,
            },
            { key: 'familyName', label: t.person.familyName, value: person.familyName },
            {
              key: 'birthDate',
              label: t.person.birthDate,
              value: `${formatDate(person.birthDate)} (${t.person.age(ageOn(person.birthDate))})`,
            },
            { key: 'updatedAt', label: t.person.updatedAt, value: formatDateTime(person.updatedAt) },
            { key: 'version', label: t.person.version, value: String(person.version) },
          ]}
        />
        {canEdit && !editing ? (
          <ButtonGroup>
            <Button ref={editButton} appearance="secondary-action" onClick={startEditing}>
              {t.person.edit}
            </Button>
          </ButtonGroup>
        ) : null}
      </section>

      {editing && draft ? (
        <section aria-labelledby="edit-heading" className="grip-panel grip-narrow">
          <Heading level={2} id="edit-heading" className="grip-panel__title">
            {t.person.editHeading}
          </Heading>
          {conflict ? (
            <Alert type="warning" ref={conflictRef} tabIndex={-1} labelledBy="conflict-heading">
              <Heading level={3} appearance={4} id="conflict-heading">
                {t.person.conflictTitle}
              </Heading>
              <Paragraph>{t.person.conflictText}</Paragraph>
              {differences.length > 0 ? (
                <Table caption={t.person.conflictCaption}>
                  <TableHead>
                    <HeaderCell>{t.person.conflictField}</HeaderCell>
                    <HeaderCell>{t.person.conflictCurrent}</HeaderCell>
                    <HeaderCell>{t.person.conflictYours}</HeaderCell>
                  </TableHead>
                  <TableBody>
                    {differences.map((field) => (
                      <Row key={field}>
                        <RowHeaderCell>{labels[field]}</RowHeaderCell>
                        <Cell>{show(field, saved[field])}</Cell>
                        <Cell>
                          {mine.includes(field) ? show(field, draft[field]) : t.person.conflictNotYours}
                        </Cell>
                      </Row>
                    ))}
                  </TableBody>
                </Table>
              ) : (
                <Paragraph>{t.person.conflictNoDiff}</Paragraph>
              )}
            </Alert>
          ) : null}
          <ErrorSummary items={summaryItems([...FIELDS], errors, general)} focusKey={attempt} />
          <form className="grip-form" noValidate onSubmit={save}>
            <PersonNameFields values={draft} errors={errors} set={set} firstFieldRef={firstField} />
            <ButtonGroup>
              <Button type="submit" appearance="primary-action" busy={busy}>
                {busy ? t.common.saving : t.common.save}
              </Button>
              <Button appearance="subtle" onClick={stopEditing}>
                {t.common.cancel}
              </Button>
            </ButtonGroup>
          </form>
        </section>
      ) : null}
    </div>
  );
}
