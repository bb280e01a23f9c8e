import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.ts';
import { Button, ButtonGroup, ButtonLink } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { DateField, TextField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { PageTitle, Paragraph } from '../components/Typography.tsx';
import { setFlash } from '../flash.ts';
import { dateError, parseDateInput } from '../format.ts';
import { errorText, fieldErrorsFrom, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';

const FIELDS = ['bsn', 'givenNames', 'familyNamePrefix', 'familyName', 'birthDate'] as const;
type Field = (typeof FIELDS)[number];

export function PersonNewPage() {
  const { t, lang } = useI18n();
  usePageTitle(t.personNew.title);
  const [values, setValues] = useState<Record<Field, string>>({
    bsn: '',
    givenNames: '',
    familyNamePrefix: '',
    familyName: '',
    birthDate: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    if (!values.bsn.trim()) found.bsn = t.persons.bsnRequired;
    if (!values.givenNames.trim()) found.givenNames = t.person.givenNamesRequired;
    if (!values.familyName.trim()) found.familyName = t.person.familyNameRequired;
    const badDate = dateError(values.birthDate, {
      required: t.person.birthDateRequired,
      invalid: t.common.dateInvalid,
      future: t.common.dateInFuture,
    });
    if (badDate) found.birthDate = badDate;
    setGeneral([]);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const { data } = await api.createPerson({
        bsn: values.bsn.replace(/[\s.]/g, ''),
        givenNames: values.givenNames.trim(),
        familyNamePrefix: values.familyNamePrefix.trim() || null,
        familyName: values.familyName.trim(),
        birthDate: parseDateInput(values.birthDate)!,
      });
      setFlash(`/inwoners/${data.id}`, t.personNew.created);
      navigate(`/inwoners/${data.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        const split = fieldErrorsFrom(error.fields, lang, Object.fromEntries(FIELDS.map((f) => [f, f])));
        setErrors(split.fields);
        setGeneral(split.general);
      } else if (error instanceof ApiError && error.status === 409) {
        setErrors({ bsn: t.personNew.bsnExists });
      } else {
        setGeneral([errorText(error, t, lang)]);
      }
      setAttempt((n) => n + 1);
      setBusy(false);
    }
  };

  return (
    <div className="grip-stack grip-narrow">
      <Paragraph>
        <Link to="/inwoners" className="grip-back-link">
          {t.person.back}
        </Link>
      </Paragraph>
      <div>
        <PageTitle>{t.personNew.title}</PageTitle>
        <Paragraph lead>{t.personNew.intro}</Paragraph>
      </div>
      <ErrorSummary items={summaryItems([...FIELDS], errors, general)} focusKey={attempt} />
      <form className="grip-form" noValidate onSubmit={submit}>
        <TextField
          id="bsn"
          label={t.persons.bsn}
          description={t.persons.bsnHint}
          inputMode="numeric"
          autoComplete="off"
          maxLength={11}
          className="grip-input--bsn"
          value={values.bsn}
          onChange={set('bsn')}
          error={errors.bsn}
        />
        <TextField
          id="givenNames"
          label={t.person.givenNames}
          autoComplete="off"
          value={values.givenNames}
          onChange={set('givenNames')}
          error={errors.givenNames}
        />
        <TextField
          id="familyNamePrefix"
          label={t.person.familyNamePrefix}
          description={t.person.familyNamePrefixHint}
          optional
          autoComplete="off"
          className="utrecht-textbox--voorvoegsel-size"
          value={values.familyNamePrefix}
          onChange={set('familyNamePrefix')}
          error={errors.familyNamePrefix}
        />
        <TextField
          id="familyName"
          label={t.person.familyName}
          autoComplete="off"
          value={values.familyName}
          onChange={set('familyName')}
          error={errors.familyName}
        />
        <DateField
          id="birthDate"
          label={t.person.birthDate}
          value={values.birthDate}
          onChange={set('birthDate')}
          error={errors.birthDate}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action" busy={busy}>
            {busy ? t.common.saving : t.personNew.submit}
          </Button>
          <ButtonLink to="/inwoners" appearance="subtle">
            {t.common.cancel}
          </ButtonLink>
        </ButtonGroup>
      </form>
    </div>
  );
}
