import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { DeclarationResult, takeUnknownLines } from '../components/DeclarationResult.tsx';
import { Link } from '../components/Link.tsx';
import { PendingPage } from '../components/LoadingOrError.tsx';
import { PageTitle, Paragraph } from '../components/Typography.tsx';
import { decisionsApi, type Declaration, type UnknownLine } from '../decisions-api.ts';
import { takeFlash } from '../flash.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** One declaration of the provider's own: per line accepted or rejected, with the reason. */
export function ProviderDeclarationPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const p = t.provider;
  const path = `/aanbieder/declaraties/${encodeURIComponent(id)}`;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [declaration, setDeclaration] = useState<Declaration | null>(null);
  const [unknownLines] = useState<UnknownLine[]>(() => takeUnknownLines(id));
  const [error, setError] = useState<string | null>(null);
  const [message] = useState<string | null>(() => takeFlash(path));
  const messageRef = useRef<HTMLDivElement>(null);

  usePageTitle(declaration ? p.declarationTitle(declaration.declarationNumber) : p.declarationTitleFallback);

  useEffect(() => {
    const controller = new AbortController();
    decisionsApi.declaration(id, controller.signal).then(
      ({ data }) => setDeclaration(data),
      (e: unknown) => {
        if (controller.signal.aborted) return;
        const { t, lang } = texts.current;
        setError(
          e instanceof ApiError && e.status === 404 ? t.provider.declarationNotFound : errorText(e, t, lang),
        );
      },
    );
    return () => controller.abort();
  }, [id]);

  const back = { to: '/aanbieder', text: p.backToPortal };
  if (!declaration) return <PendingPage back={back} title={p.declarationTitleFallback} error={error} />;

  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to={back.to} className="grip-back-link">
          {back.text}
        </Link>
      </Paragraph>
      <PageTitle>{p.declarationTitle(declaration.declarationNumber)}</PageTitle>
      <div role="status" className="grip-live-region">
        {message ? (
          <Alert type="ok" ref={messageRef} tabIndex={-1}>
            <Paragraph>{message}</Paragraph>
          </Alert>
        ) : null}
      </div>
      <DeclarationResult declaration={declaration} unknownLines={unknownLines} />
    </div>
  );
}
