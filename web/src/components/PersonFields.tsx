import type { NewPersonInput } from '../intake-api.ts';
import { dateError, parseDateInput } from '../format.ts';
import type { FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/nl.ts';
import { DateField, SelectField, TextField } from './FormField.tsx';

/**
 * Who a resident is and where they live: for a new resident registered with a help question (staff) and
 * for "about you" in the resident's own online form. Field ids are `<prefix>-<field>`.
 */
/** In the order they are shown, which is also the order of the error summary. */
export const PERSON_FIELDS = [
  'givenNames',
  'familyNamePrefix',
  'familyName',
  'birthDate',
  'bsn',
  'postcode',
  'houseNumber',
  'houseAddition',
  'street',
  'city',
  'buurtCode',
  'phone',
  'email',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];
export type PersonValues = Record<PersonField, string>;

export const emptyPerson = (): PersonValues =>
  Object.fromEntries(PERSON_FIELDS.map((f) => [f, ''])) as PersonValues;

const ADDRESS_FIELDS: PersonField[] = ['street', 'houseNumber', 'postcode', 'city', 'buurtCode'];
const POSTCODE = /^[1-9][0-9]{3} ?[A-Za-z]{2}$/;
/** Dutch numbers of 10 digits (06 12345678) or with a country code (+31 6 12345678), as the API accepts. */
const PHONE = /^(?:0[1-9]\d{8}|\+[1-9]\d{7,14}|00[1-9]\d{7,13})$/;

/** The 11-proef of a BSN: 9 digits, weighted 9..2 and -1, the sum divisible by 11. */
export function passesElevenTest(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn)) return false;
  const digits = [...bsn].map(Number);
  const sum = digits.slice(0, 8).reduce((total, digit, i) => total + digit * (9 - i), 0) - digits[8]!;
  return sum % 11 === 0;
}

export const normalPostcode = (value: string) => value.replace(/\s+/g, '').toUpperCase();

/** Maps API field names (person.address.postcode, contact.email…) to the form's field ids. */
export function personFieldIds(apiPrefix: string, prefix: string): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const field of PERSON_FIELDS) {
    const id = `${prefix}-${field}`;
    if (field === 'houseAddition') {
      ids[`${apiPrefix}.address.houseLetter`] = id;
      ids[`${apiPrefix}.address.houseNumberAddition`] = id;
    } else if (ADDRESS_FIELDS.includes(field)) ids[`${apiPrefix}.address.${field}`] = id;
    else ids[`${apiPrefix}.${field}`] = id;
  }
  ids[`${apiPrefix}.address`] = `${prefix}-street`;
  return ids;
}

/** The checks the browser can make; `contactRequired`: the resident must leave a phone number or e-mail. */
export function personErrors(
  values: PersonValues,
  t: Messages,
  prefix: string,
  options: { contactRequired?: boolean; bsnRequired?: boolean } = {},
): FieldErrors {
  const p = t.personFields;
  const found: FieldErrors = {};
  const add = (field: PersonField, message: string | undefined) => {
    if (message) found[`${prefix}-${field}`] = message;
  };
  const bsn = values.bsn.replace(/[\s.]/g, '');
  if (bsn && !passesElevenTest(bsn)) add('bsn', p.bsnInvalid);
  else if (!bsn && options.bsnRequired) add('bsn', p.bsnRequired);
  if (!values.givenNames.trim()) add('givenNames', p.givenNamesRequired);
  if (!values.familyName.trim()) add('familyName', p.familyNameRequired);
  add(
    'birthDate',
    dateError(values.birthDate, {
      required: p.birthDateRequired,
      invalid: t.common.dateInvalid,
      future: t.common.dateInFuture,
    }),
  );
  if (!values.street.trim()) add('street', p.streetRequired);
  if (!values.houseNumber.trim()) add('houseNumber', p.houseNumberRequired);
  else if (!/^\d{1,5}$/.test(values.houseNumber.trim()) || Number(values.houseNumber) < 1)
    add('houseNumber', p.houseNumberInvalid);
  const addition = values.houseAddition.trim();
  if (addition && !/^[A-Za-z0-9]{1,4}$/.test(addition)) add('houseAddition', p.houseAdditionInvalid);
  if (!values.postcode.trim()) add('postcode', p.postcodeRequired);
  else if (!POSTCODE.test(values.postcode.trim()) || /(SA|SD|SS)$/i.test(values.postcode.trim()))
    add('postcode', p.postcodeInvalid);
  if (!values.city.trim()) add('city', p.cityRequired);
  const phone = values.phone.trim();
  const email = values.email.trim();
  if (phone && !PHONE.test(phone.replace(/[\s().-]/g, ''))) add('phone', p.phoneInvalid);
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) add('email', p.emailInvalid);
  if (options.contactRequired && !phone && !email) add('phone', p.contactRequired);
  return found;
}

/** The API's shape of a new person; call only after personErrors found nothing. */
export function toNewPerson(values: PersonValues): NewPersonInput {
  const addition = values.houseAddition.trim();
  const isLetter = /^[A-Za-z]$/.test(addition);
  const bsn = values.bsn.replace(/[\s.]/g, '');
  return {
    ...(bsn ? { bsn } : {}),
    givenNames: values.givenNames.trim(),
    familyNamePrefix: values.familyNamePrefix.trim() || null,
    familyName: values.familyName.trim(),
    birthDate: parseDateInput(values.birthDate) ?? values.birthDate.trim(),
    ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
    ...(values.email.trim() ? { email: values.email.trim() } : {}),
    address: {
      street: values.street.trim(),
      houseNumber: Number(values.houseNumber.trim()),
      ...(addition && isLetter ? { houseLetter: addition.toUpperCase() } : {}),
      ...(addition && !isLetter ? { houseNumberAddition: addition } : {}),
      postcode: normalPostcode(values.postcode),
      city: values.city.trim(),
      ...(values.buurtCode ? { buurtCode: values.buurtCode } : {}),
    },
  };
}

export function PersonFields({
  prefix,
  values,
  errors,
  onChange,
  audience,
  buurten,
  bsnRequired,
}: {
  prefix: string;
  values: PersonValues;
  errors: FieldErrors;
  onChange(next: PersonValues): void;
  audience: 'staff' | 'resident';
  /** Staff may say in which buurt the address lies (Grip has no BAG to look it up). */
  buurten?: { code: string; name: string }[];
  bsnRequired?: boolean;
}) {
  const { t } = useI18n();
  const p = audience === 'resident' ? t.personFields.resident : t.personFields.staff;
  const field = (name: PersonField) => ({
    id: `${prefix}-${name}`,
    value: values[name],
    error: errors[`${prefix}-${name}`],
    onChange: (event: { target: { value: string } }) => onChange({ ...values, [name]: event.target.value }),
  });
  return (
    <>
      <fieldset className="grip-subform">
        <legend className="utrecht-heading-3 grip-subform__legend">{p.personLegend}</legend>
        <TextField
          {...field('givenNames')}
          label={p.givenNames}
          autoComplete={audience === 'resident' ? 'given-name' : 'off'}
        />
        <TextField
          {...field('familyNamePrefix')}
          label={t.person.familyNamePrefix}
          description={t.person.familyNamePrefixHint}
          optional
          autoComplete="off"
          className="utrecht-textbox--voorvoegsel-size"
        />
        <TextField
          {...field('familyName')}
          label={p.familyName}
          autoComplete={audience === 'resident' ? 'family-name' : 'off'}
        />
        <DateField
          {...field('birthDate')}
          label={p.birthDate}
          autoComplete={audience === 'resident' ? 'bday' : 'off'}
        />
        <TextField
          {...field('bsn')}
          label={p.bsn}
          description={p.bsnHint}
          optional={!bsnRequired}
          inputMode="numeric"
          autoComplete="off"
          maxLength={11}
          className="grip-input--bsn"
        />
      </fieldset>
      <fieldset className="grip-subform">
        <legend className="utrecht-heading-3 grip-subform__legend">{p.addressLegend}</legend>
        <TextField
          {...field('postcode')}
          label={t.personFields.postcode}
          description={t.personFields.postcodeHint}
          autoComplete={audience === 'resident' ? 'postal-code' : 'off'}
          className="grip-input--postcode"
        />
        <div className="grip-field-row">
          <TextField
            {...field('houseNumber')}
            label={t.personFields.houseNumber}
            inputMode="numeric"
            autoComplete="off"
            className="grip-input--short"
          />
          <TextField
            {...field('houseAddition')}
            label={t.personFields.houseAddition}
            description={t.personFields.houseAdditionHint}
            optional
            autoComplete="off"
            className="grip-input--short"
          />
        </div>
        <TextField
          {...field('street')}
          label={t.personFields.street}
          autoComplete={audience === 'resident' ? 'address-line1' : 'off'}
        />
        <TextField
          {...field('city')}
          label={t.personFields.city}
          autoComplete={audience === 'resident' ? 'address-level2' : 'off'}
        />
        {buurten && buurten.length > 0 ? (
          <SelectField
            {...field('buurtCode')}
            label={t.personFields.buurt}
            description={t.personFields.buurtHint}
            optional
            options={[
              { value: '', label: t.personFields.buurtUnknown },
              ...buurten.map((b) => ({ value: b.code, label: b.name })),
            ]}
          />
        ) : null}
      </fieldset>
      <fieldset className="grip-subform">
        <legend className="utrecht-heading-3 grip-subform__legend">{p.contactLegend}</legend>
        {p.contactIntro ? <p className="utrecht-paragraph">{p.contactIntro}</p> : null}
        <TextField
          {...field('phone')}
          label={p.phone}
          optional={audience === 'staff'}
          required={false}
          type="tel"
          autoComplete={audience === 'resident' ? 'tel' : 'off'}
        />
        <TextField
          {...field('email')}
          label={p.email}
          optional={audience === 'staff'}
          required={false}
          type="email"
          autoComplete={audience === 'resident' ? 'email' : 'off'}
        />
      </fieldset>
    </>
  );
}
