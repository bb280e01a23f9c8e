import { useRef, useState, type FormEvent } from 'react';
import { formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, planApi, type PlanDocument } from '../plan-api.ts';
import { useCurrentSession } from '../session.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { FieldError } from './FormField.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';
import { Paragraph } from './Typography.tsx';

/** "2,4 MB" / "350 kB" */
export function sizeText(bytes: number, lang: string): string {
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  if (bytes >= 1024 * 1024)
    return `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale)} kB`;
}

const TYPE_LIST = [...new Set(Object.values(DOCUMENT_TYPES))].join(', ');

/** The household's documents, and an upload with the allowed types and size said before choosing. */
export function PlanDocuments({
  planId,
  documents,
  onChanged,
}: {
  planId: string;
  documents: PlanDocument[];
  onChanged(message: string): Promise<unknown>;
}) {
  const { t, lang, formatDateTime } = useI18n();
  const p = t.plan;
  const session = useCurrentSession();
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const max = sizeText(DOCUMENT_MAX_BYTES, lang);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const file = input.current?.files?.[0];
    let problem: string | null = null;
    if (!file) problem = p.uploadRequired;
    else if (!DOCUMENT_TYPES[file.type]) problem = p.uploadType(TYPE_LIST);
    else if (file.size > DOCUMENT_MAX_BYTES) problem = p.uploadTooBig(max);
    setGeneral([]);
    if (problem || !file) {
      setErrors({ document: problem ?? p.uploadRequired });
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await planApi.uploadDocument(planId, file, session.csrfToken);
      if (input.current) input.current.value = '';
      await onChanged(p.uploaded(file.name));
    } catch (error) {
      const { t, lang } = texts.current;
      const shown = formErrorsFrom(error, t, lang, {});
      setErrors({ document: shown.general[0] ?? t.common.unexpectedError });
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {documents.length === 0 ? (
        <Paragraph>{p.noDocuments}</Paragraph>
      ) : (
        <Table caption={p.documentsCaption} hideCaption>
          <TableHead>
            <HeaderCell>{p.fileName}</HeaderCell>
            <HeaderCell>{p.fileType}</HeaderCell>
            <HeaderCell>{p.fileSize}</HeaderCell>
            <HeaderCell>{p.uploadedAt}</HeaderCell>
          </TableHead>
          <TableBody>
            {documents.map((d) => (
              <Row key={d.id}>
                <RowHeaderCell>
                  <a className="utrecht-link utrecht-link--html-a" href={planApi.documentUrl(d.id)}>
                    {d.fileName}
                  </a>
                </RowHeaderCell>
                <Cell>{DOCUMENT_TYPES[d.contentType] ?? d.contentType}</Cell>
                <Cell>{sizeText(d.size, lang)}</Cell>
                <Cell>{formatDateTime(d.uploadedAt)}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
      <ErrorSummary items={summaryItems(['document'], errors, general)} focusKey={attempt} />
      <form className="grip-form grip-narrow" noValidate onSubmit={submit}>
        <div
          className={`utrecht-form-field grip-field${errors.document ? ' utrecht-form-field--invalid' : ''}`}
        >
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor="document">
              {p.uploadLabel}
            </label>
          </div>
          <div className="utrecht-form-field-description grip-field__description" id="document-description">
            {p.uploadHint(TYPE_LIST, max)}
          </div>
          <FieldError id="document" error={errors.document} />
          <div className="utrecht-form-field__input">
            <input
              ref={input}
              id="document"
              name="document"
              type="file"
              accept={Object.keys(DOCUMENT_TYPES).join(',')}
              aria-describedby={`${errors.document ? 'document-error ' : ''}document-description`}
              aria-invalid={errors.document ? true : undefined}
            />
          </div>
        </div>
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {busy ? t.common.saving : p.upload}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
