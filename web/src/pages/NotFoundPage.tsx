import { Link } from '../components/Link.tsx';
import { PageTitle, Paragraph } from '../components/Typography.tsx';
import { usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t.notFound.title);
  return (
    <div className="grip-stack grip-narrow">
      <PageTitle>{t.notFound.title}</PageTitle>
      <Paragraph lead>{t.notFound.text}</Paragraph>
      <Paragraph>
        <Link to="/">{t.notFound.home}</Link>
      </Paragraph>
    </div>
  );
}
