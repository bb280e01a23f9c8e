import { catalogueApi } from '../catalogue-api.ts';
import { Link } from '../components/Link.tsx';
import { ServiceForm } from '../components/ServiceForm.tsx';
import { PageTitle, Paragraph } from '../components/Typography.tsx';
import { setFlash } from '../flash.ts';
import { usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';

/** A new service in the catalogue (functioneel beheerder). */
export function ServiceNewPage() {
  const { t } = useI18n();
  usePageTitle(t.catalogue.newTitle);
  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to="/catalogus" className="grip-back-link">
          {t.catalogue.back}
        </Link>
      </Paragraph>
      <PageTitle>{t.catalogue.newTitle}</PageTitle>
      <section className="grip-panel" aria-label={t.catalogue.newTitle}>
        <ServiceForm
          service={null}
          submitLabel={t.catForm.add}
          onSubmit={async (input) => {
            const { data } = await catalogueApi.createService(input);
            setFlash(`/catalogus/${data.id}`, t.catalogue.created);
            navigate(`/catalogus/${data.id}`);
          }}
        />
      </section>
    </div>
  );
}
