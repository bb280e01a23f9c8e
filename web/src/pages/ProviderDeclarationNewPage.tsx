import { useEffect, useRef, useState } from 'react';
import { DeclarationForm } from '../components/DeclarationForm.tsx';
import { rememberUnknownLines } from '../components/DeclarationResult.tsx';
import { Link } from '../components/Link.tsx';
import { LoadingOrError } from '../components/LoadingOrError.tsx';
import { PageTitle, Paragraph } from '../components/Typography.tsx';
import { decisionsApi, type Toewijzing } from '../decisions-api.ts';
import { setFlash } from '../flash.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';

/** A new declaration by provider staff, for the allocations of their own organisation. */
export function ProviderDeclarationNewPage() {
  const { t, lang } = useI18n();
  const p = t.provider;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [allocations, setAllocations] = useState<Toewijzing[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  usePageTitle(p.newTitle);

  useEffect(() => {
    const controller = new AbortController();
    decisionsApi.toewijzingen({ limit: 500 }, controller.signal).then(
      ({ data }) => setAllocations(data.items.filter((a) => a.status !== 'ingetrokken')),
      (e: unknown) => {
        if (!controller.signal.aborted) setError(errorText(e, texts.current.t, texts.current.lang));
      },
    );
    return () => controller.abort();
  }, []);

  return (
    <div className="grip-stack grip-narrow">
      <Paragraph>
        <Link to="/aanbieder" className="grip-back-link">
          {p.backToPortal}
        </Link>
      </Paragraph>
      <PageTitle>{p.newTitle}</PageTitle>
      <Paragraph>{p.newIntro}</Paragraph>
      {allocations === null ? (
        <LoadingOrError error={error} />
      ) : (
        <DeclarationForm
          allocations={allocations}
          onCreated={(declaration) => {
            const path = `/aanbieder/declaraties/${encodeURIComponent(declaration.id)}`;
            rememberUnknownLines(declaration.id, declaration.unknownLines);
            setFlash(path, p.submitted(declaration.declarationNumber));
            navigate(path);
          }}
        />
      )}
    </div>
  );
}
