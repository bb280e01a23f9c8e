import { useI18n } from '../i18n/i18n.tsx';
import { Alert } from './Alert.tsx';
import { Link } from './Link.tsx';
import { PageTitle, Paragraph } from './Typography.tsx';

/** Until the data is there: "Loading…" as a status message, or why it could not be loaded. */
export function LoadingOrError({ error }: { error: string | null }) {
  const { t } = useI18n();
  return error ? (
    <Alert type="error">
      <Paragraph>{error}</Paragraph>
    </Alert>
  ) : (
    <div role="status">
      <Paragraph>{t.common.loading}</Paragraph>
    </div>
  );
}

/** A detail page before its data is there: the way back, a general title, and loading or the error. */
export function PendingPage({
  back,
  title,
  error,
}: {
  back: { to: string; text: string };
  title: string;
  error: string | null;
}) {
  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to={back.to} className="grip-back-link">
          {back.text}
        </Link>
      </Paragraph>
      <PageTitle>{title}</PageTitle>
      <LoadingOrError error={error} />
    </div>
  );
}
