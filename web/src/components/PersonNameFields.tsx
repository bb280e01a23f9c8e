import type { Ref } from 'react';
import { dateError } from '../format.ts';
import type { FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/nl.ts';
import { DateField, TextField } from './FormField.tsx';

/** The name and birth-date fields of a resident, shared by the register and the edit form. */
export type PersonNameField = 'givenNames' | 'familyNamePrefix' | 'familyName' | 'birthDate';
export type PersonNameValues = Record<PersonNameField, string>;

type ChangeHandler = (event: { target: { value: string } }) => void;

export function PersonNameFields({
  values,
  errors,
  set,
  firstFieldRef,
}: {
  values: PersonNameValues;
  errors: FieldErrors;
  set: (field: PersonNameField) => ChangeHandler;
  firstFieldRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        ref={firstFieldRef}
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
    </>
  );
}

/** The checks the browser can make before sending: required names and a real, past birth date. */
export function personNameErrors(values: PersonNameValues, t: Messages): FieldErrors {
  const found: FieldErrors = {};
  if (!values.givenNames.trim()) found.givenNames = t.person.givenNamesRequired;
  if (!values.familyName.trim()) found.familyName = t.person.familyNameRequired;
  const badDate = dateError(values.birthDate, {
    required: t.person.birthDateRequired,
    invalid: t.common.dateInvalid,
    future: t.common.dateInFuture,
  });
  if (badDate) found.birthDate = badDate;
  return found;
}
