import { Link } from '../components/Link.tsx';
import { PageTitle, Paragraph } from '../components/Typography.tsx';
import { usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function ForbiddenPage() {
  const { t } = useI18n();
  usePageTitle(t.forbidden.title);
  return (
    <div className="grip-stack grip-narrow">
      <PageTitle>{t.forbidden.title}</PageTitle>
      <Paragraph lead>{t.forbidden.text}</Paragraph>
      <Paragraph>
        <Link to="/">{t.notFound.home}</Link>
      </Paragraph>
    </div>
  );
}
