import type { ComponentProps, ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

interface FieldBase {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  /** Adds "(niet verplicht)" to the label; every other field is marked required for assistive technology. */
  optional?: boolean;
}

function describedBy(id: string, description: ReactNode, error: string | undefined): string | undefined {
  const ids = [error ? `${id}-error` : null, description ? `${id}-description` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label({ id, label, optional }: { id: string; label: ReactNode; optional?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="utrecht-form-field__label">
      <label className="utrecht-form-label" htmlFor={id}>
        {label}
        {optional ? <span className="grip-optional"> {t.common.optional}</span> : null}
      </label>
    </div>
  );
}

function Description({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div className="utrecht-form-field-description grip-field__description" id={`${id}-description`}>
      {children}
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div className="utrecht-form-field-error-message grip-field__error" id={`${id}-error`}>
      <span className="grip-visually-hidden">{t.common.errorPrefix} </span>
      {error}
    </div>
  );
}

function fieldClass(error: string | undefined, extra?: string): string {
  return ['utrecht-form-field', 'grip-field', error ? 'utrecht-form-field--invalid' : null, extra]
    .filter(Boolean)
    .join(' ');
}

/** Label, description and error above the control, as every single-control field has them. */
function FieldFrame({
  id,
  label,
  description,
  error,
  optional,
  inputClassName,
  children,
}: FieldBase & { inputClassName?: string; children: ReactNode }) {
  return (
    <div className={fieldClass(error)}>
      <Label id={id} label={label} optional={optional} />
      {description ? <Description id={id}>{description}</Description> : null}
      <FieldError id={id} error={error} />
      <div className={['utrecht-form-field__input', inputClassName].filter(Boolean).join(' ')}>
        {children}
      </div>
    </div>
  );
}

/** The attributes that tie a control to its label, description and error. */
function controlProps(id: string, description: ReactNode, error: string | undefined, optional?: boolean) {
  return {
    id,
    name: id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, description, error),
    required: !optional,
  };
}

export function TextField({
  id,
  label,
  description,
  error,
  optional,
  className,
  type = 'text',
  ...input
}: FieldBase & ComponentProps<'input'>) {
  const classes = [
    'utrecht-textbox',
    'utrecht-textbox--html-input',
    error ? 'utrecht-textbox--invalid' : null,
    className,
  ];
  return (
    <FieldFrame id={id} label={label} description={description} error={error} optional={optional}>
      <input
        {...controlProps(id, description, error, optional)}
        type={type}
        className={classes.filter(Boolean).join(' ')}
        {...input}
      />
    </FieldFrame>
  );
}

/** A date typed as day-month-year (see parseDateInput); more predictable than the browser's date picker. */
export function DateField({
  description,
  className,
  ...props
}: Omit<FieldBase & ComponentProps<'input'>, 'type'>) {
  const { t } = useI18n();
  return (
    <TextField
      {...props}
      type="text"
      autoComplete={props.autoComplete ?? 'off'}
      spellCheck={false}
      className={['grip-input--date', className].filter(Boolean).join(' ')}
      description={description ?? t.common.dateHint}
    />
  );
}

export function SelectField({
  id,
  label,
  description,
  error,
  optional,
  options,
  ...select
}: FieldBase & ComponentProps<'select'> & { options: { value: string; label: string }[] }) {
  return (
    <FieldFrame
      id={id}
      label={label}
      description={description}
      error={error}
      optional={optional}
      inputClassName="grip-select"
    >
      <select
        {...controlProps(id, description, error, optional)}
        className={['utrecht-select', 'utrecht-select--html-select', error ? 'utrecht-select--invalid' : null]
          .filter(Boolean)
          .join(' ')}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A checkbox or radio button with its label to the right (utrecht-form-field--checkbox / --radio). */
export function ChoiceField({
  id,
  label,
  description,
  error,
  type = 'checkbox',
  checked,
  ...input
}: Omit<FieldBase, 'optional'> & Omit<ComponentProps<'input'>, 'type'> & { type?: 'checkbox' | 'radio' }) {
  const inputClass =
    type === 'checkbox'
      ? [
          'utrecht-checkbox',
          'utrecht-checkbox--html-input',
          'utrecht-checkbox--custom',
          checked ? 'utrecht-checkbox--checked' : null,
          error ? 'utrecht-checkbox--invalid' : null,
        ]
      : ['utrecht-radio-button', 'utrecht-radio-button--html-input'];
  return (
    <div className={fieldClass(error, `utrecht-form-field--${type} grip-choice`)}>
      <div className="utrecht-form-field__label">
        <label className={`utrecht-form-label utrecht-form-label--${type}`} htmlFor={id}>
          {label}
        </label>
      </div>
      <div className="utrecht-form-field__input">
        <input
          id={id}
          type={type}
          checked={checked}
          className={inputClass.filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
          {...input}
        />
      </div>
      {description ? <Description id={id}>{description}</Description> : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A group of fields with a legend (checkboxes, radio buttons). */
export function Fieldset({
  id,
  legend,
  description,
  error,
  children,
}: {
  id: string;
  legend: ReactNode;
  description?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={['utrecht-form-fieldset', 'grip-fieldset', error ? 'utrecht-form-fieldset--invalid' : null]
        .filter(Boolean)
        .join(' ')}
    >
      <fieldset
        id={id}
        tabIndex={-1}
        className="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"
        aria-describedby={describedBy(id, description, error)}
      >
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          {legend}
        </legend>
        {description ? <Description id={id}>{description}</Description> : null}
        <FieldError id={id} error={error} />
        <div className="grip-fieldset__items">{children}</div>
      </fieldset>
    </div>
  );
}

/** A multi-line text field (utrecht-textarea). */
export function TextAreaField({
  id,
  label,
  description,
  error,
  optional,
  className,
  rows = 4,
  ...textarea
}: FieldBase & ComponentProps<'textarea'>) {
  const classes = [
    'utrecht-textarea',
    'utrecht-textarea--html-textarea',
    error ? 'utrecht-textarea--invalid' : null,
    className,
  ];
  return (
    <FieldFrame id={id} label={label} description={description} error={error} optional={optional}>
      <textarea
        {...controlProps(id, description, error, optional)}
        rows={rows}
        className={classes.filter(Boolean).join(' ')}
        {...textarea}
      />
    </FieldFrame>
  );
}
