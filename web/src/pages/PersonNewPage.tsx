import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.ts';
import { Button, ButtonGroup, ButtonLink } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextField } from '../components/FormField.tsx';
import { PersonNameFields, personNameErrors } from '../components/PersonNameFields.tsx';
import { Link } from '../components/Link.tsx';
import { PageTitle, Paragraph } from '../components/Typography.tsx';
import { setFlash } from '../flash.ts';
import { parseDateInput } from '../format.ts';
import { formErrorsFrom, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
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
    const found: FieldErrors = {
      ...(values.bsn.trim() ? {} : { bsn: t.persons.bsnRequired }),
      ...personNameErrors(values, t),
    };
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
      if (error instanceof ApiError && error.status === 409) {
        setErrors({ bsn: t.personNew.bsnExists });
      } else {
        const shown = formErrorsFrom(error, t, lang, Object.fromEntries(FIELDS.map((f) => [f, f])));
        setErrors(shown.fields);
        setGeneral(shown.general);
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
        <PersonNameFields values={values} errors={errors} set={set} />
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
