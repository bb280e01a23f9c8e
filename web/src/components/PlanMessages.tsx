import { useRef, useState, type FormEvent } from 'react';
import { formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { planApi, type PlanDocument, type PlanMessage } from '../plan-api.ts';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { SelectField, TextAreaField } from './FormField.tsx';
import { Paragraph } from './Typography.tsx';

/** The messages between the household and the professionals, and a new one (optionally with a document). */
export function PlanMessages({
  planId,
  messages,
  documents,
  onChanged,
}: {
  planId: string;
  messages: PlanMessage[];
  documents: PlanDocument[];
  onChanged(message: string): Promise<unknown>;
}) {
  const { t, lang, formatDateTime } = useI18n();
  const p = t.plan;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [body, setBody] = useState('');
  const [documentId, setDocumentId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const text = body.trim();
    const problem = !text ? p.messageRequired : text.length > 4000 ? p.messageTooLong : null;
    setGeneral([]);
    if (problem) {
      setErrors({ 'message-body': problem });
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await planApi.sendMessage(planId, { body: text, ...(documentId ? { documentId } : {}) });
      setBody('');
      setDocumentId('');
      await onChanged(p.sent);
    } catch (error) {
      const { t, lang } = texts.current;
      const shown = formErrorsFrom(error, t, lang, { body: 'message-body', documentId: 'message-document' });
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {messages.length === 0 ? (
        <Paragraph>{p.noMessages}</Paragraph>
      ) : (
        <ol className="grip-plan-messages">
          {messages.map((m) => (
            <li key={m.id} className="grip-plan-message">
              <Paragraph small className="grip-muted">
                {p.messageFrom(
                  m.author.name,
                  p.authorKinds[m.author.kind] ?? m.author.kind,
                  formatDateTime(m.sentAt),
                )}
              </Paragraph>
              <Paragraph className="grip-pre">{m.body}</Paragraph>
              {m.document ? (
                <Paragraph>
                  <a className="utrecht-link utrecht-link--html-a" href={planApi.documentUrl(m.document.id)}>
                    {m.document.fileName}
                  </a>
                </Paragraph>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <ErrorSummary
        items={summaryItems(['message-body', 'message-document'], errors, general)}
        focusKey={attempt}
      />
      <form className="grip-form grip-narrow" noValidate onSubmit={submit}>
        <TextAreaField
          id="message-body"
          label={p.messageBody}
          description={p.messageHint}
          rows={3}
          maxLength={4000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          error={errors['message-body']}
        />
        {documents.length > 0 ? (
          <SelectField
            id="message-document"
            label={p.messageAttach}
            optional
            value={documentId}
            options={[
              { value: '', label: p.messageNoAttachment },
              ...documents.map((d) => ({ value: d.id, label: d.fileName })),
            ]}
            onChange={(e) => setDocumentId(e.target.value)}
            error={errors['message-document']}
          />
        ) : null}
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {busy ? t.common.saving : p.send}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
