import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, type PersonPage } from '../api.ts';
import { PERSON_EDIT_ROLES } from '../access.ts';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonLink } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { DateField, TextField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { dateError, formatDateInput, fullName, parseDateInput } from '../format.ts';
import {
  errorText,
  fieldErrorsFrom,
  formErrorsFrom,
  summaryItems,
  usePageTitle,
  type FieldErrors,
} from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation, withQuery } from '../router.tsx';
import { useSession } from '../session.tsx';

const PAGE_SIZE = 20;

/** Search by BSN. The BSN is sent in a POST body, so it never appears in an address or a log of addresses. */
function BsnSearch() {
  const { t, lang } = useI18n();
  const { hasRole } = useSession();
  const [bsn, setBsn] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [notFound, setNotFound] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setNotFound(false);
    setGeneral([]);
    const value = bsn.replace(/[\s.]/g, '');
    if (!value) {
      setErrors({ bsn: t.persons.bsnRequired });
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { data } = await api.searchPersonByBsn(value);
      const person = data.items[0];
      if (person) navigate(`/inwoners/${person.id}`);
      else setNotFound(true);
    } catch (error) {
      const shown = formErrorsFrom(error, t, lang, { bsn: 'bsn' });
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="grip-panel" aria-labelledby="bsn-heading">
      <Heading level={2} appearance={3} id="bsn-heading" className="grip-panel__title">
        {t.persons.bsnHeading}
      </Heading>
      <ErrorSummary items={summaryItems(['bsn'], errors, general)} focusKey={attempt} />
      <form className="grip-form grip-form--inline" noValidate onSubmit={submit}>
        <TextField
          id="bsn"
          label={t.persons.bsn}
          description={t.persons.bsnHint}
          inputMode="numeric"
          autoComplete="off"
          maxLength={11}
          className="grip-input--bsn"
          value={bsn}
          onChange={(e) => setBsn(e.target.value)}
          error={errors.bsn}
        />
        <div className="grip-form__actions">
          <Button type="submit" appearance="primary-action" busy={busy}>
            {t.common.search}
          </Button>
        </div>
      </form>
      <div role="status" className="grip-live-region">
        {notFound ? (
          <Alert type="info">
            <Paragraph>{t.persons.bsnNotFound}</Paragraph>
            {hasRole(...PERSON_EDIT_ROLES) ? (
              <Paragraph>
                {t.persons.bsnNotFoundCanCreate} <Link to="/inwoners/nieuw">{t.persons.newPerson}</Link>
              </Paragraph>
            ) : null}
          </Alert>
        ) : null}
      </div>
    </section>
  );
}

/** Search by family name and/or birth date; the criteria live in the address, so Back and reloading work. */
function NameSearch({ children }: { children: ReactNode }) {
  const { t, lang, formatDate } = useI18n();
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const { query } = useLocation();
  const familyName = query.get('achternaam') ?? '';
  const birthDate = query.get('geboortedatum') ?? '';
  const page = Math.max(1, Number.parseInt(query.get('pagina') ?? '1', 10) || 1);
  const hasCriteria = Boolean(familyName || birthDate);

  const [nameInput, setNameInput] = useState(familyName);
  const [dateInput, setDateInput] = useState(formatDateInput(birthDate));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<PersonPage | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    setNameInput(familyName);
    setDateInput(formatDateInput(birthDate));
  }, [familyName, birthDate]);

  useEffect(() => {
    if (!hasCriteria) {
      setResult(null);
      return;
    }
    const controller = new AbortController();
    setLoadError(null);
    api
      .listPersons(
        { familyName: familyName || undefined, birthDate: birthDate || undefined, page, pageSize: PAGE_SIZE },
        controller.signal,
      )
      .then(({ data }) => setResult(data))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const { t, lang } = texts.current;
        if (error instanceof ApiError && error.fields.length > 0) {
          const split = fieldErrorsFrom(error.fields, lang, {
            'query.familyName': 'familyName',
            'query.birthDate': 'birthDate',
          });
          setErrors(split.fields);
          setGeneral(split.general);
          setAttempt((n) => n + 1);
        } else {
          setLoadError(errorText(error, t, lang));
        }
      });
    return () => controller.abort();
  }, [familyName, birthDate, page, hasCriteria]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral([]);
    const found: FieldErrors = {};
    if (!nameInput.trim() && !dateInput.trim()) found.familyName = t.persons.criteriaRequired;
    const badDate = dateError(dateInput, { invalid: t.common.dateInvalid, future: t.common.dateInFuture });
    if (badDate) found.birthDate = badDate;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    navigate(
      withQuery('/inwoners', {
        achternaam: nameInput.trim(),
        geboortedatum: parseDateInput(dateInput) ?? undefined,
      }),
    );
  };

  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;

  return (
    <>
      <div className="grip-columns">
        {children}
        <section className="grip-panel" aria-labelledby="name-heading">
          <Heading level={2} appearance={3} id="name-heading" className="grip-panel__title">
            {t.persons.nameHeading}
          </Heading>
          <ErrorSummary
            items={summaryItems(['familyName', 'birthDate'], errors, general)}
            focusKey={attempt}
          />
          <form
            className="grip-form grip-form--inline"
            noValidate
            onSubmit={submit}
            role="search"
            aria-labelledby="name-heading"
          >
            <TextField
              id="familyName"
              label={t.persons.familyName}
              description={t.persons.familyNameHint}
              optional
              autoComplete="off"
              value={nameInput}
              onChange={(e) => setNameInput(e.target.value)}
              error={errors.familyName}
            />
            <DateField
              id="birthDate"
              label={t.persons.birthDate}
              optional
              value={dateInput}
              onChange={(e) => setDateInput(e.target.value)}
              error={errors.birthDate}
            />
            <div className="grip-form__actions">
              <Button type="submit" appearance="primary-action">
                {t.common.search}
              </Button>
            </div>
          </form>
        </section>
      </div>

      {hasCriteria ? (
        <section aria-labelledby="results-heading" className="grip-section">
          <Heading level={2} id="results-heading">
            {t.persons.resultsHeading}
          </Heading>
          <div role="status" className="grip-live-region">
            {loadError ? (
              <Alert type="error">
                <Paragraph>{loadError}</Paragraph>
              </Alert>
            ) : result ? (
              <Paragraph>
                {result.total === 0 ? t.persons.noneFound : t.persons.found(result.total)}
              </Paragraph>
            ) : (
              <Paragraph>{t.common.loading}</Paragraph>
            )}
          </div>
          {result && result.items.length > 0 ? (
            <>
              <Table caption={t.persons.tableCaption} hideCaption>
                <TableHead>
                  <HeaderCell>{t.persons.colName}</HeaderCell>
                  <HeaderCell>{t.persons.colBirthDate}</HeaderCell>
                  <HeaderCell>{t.persons.colBsn}</HeaderCell>
                </TableHead>
                <TableBody>
                  {result.items.map((person) => (
                    <Row key={person.id}>
                      <RowHeaderCell>
                        <Link to={`/inwoners/${person.id}`}>{fullName(person)}</Link>
                      </RowHeaderCell>
                      <Cell>{formatDate(person.birthDate)}</Cell>
                      <Cell className="grip-nowrap">{person.bsn}</Cell>
                    </Row>
                  ))}
                </TableBody>
              </Table>
              <Pagination
                page={page}
                pages={pages}
                hrefFor={(p) =>
                  withQuery('/inwoners', {
                    achternaam: familyName,
                    geboortedatum: birthDate,
                    pagina: p > 1 ? p : undefined,
                  })
                }
              />
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export function PersonsPage() {
  const { t } = useI18n();
  const { hasRole } = useSession();
  usePageTitle(t.persons.title);
  return (
    <div className="grip-stack">
      <div className="grip-page-intro">
        <div>
          <PageTitle>{t.persons.title}</PageTitle>
          <Paragraph lead>{t.persons.intro}</Paragraph>
        </div>
        {hasRole(...PERSON_EDIT_ROLES) ? (
          <div>
            <ButtonLink to="/inwoners/nieuw" appearance="primary-action">
              {t.persons.newPerson}
            </ButtonLink>
          </div>
        ) : null}
      </div>
      <NameSearch>
        <BsnSearch />
      </NameSearch>
    </div>
  );
}
