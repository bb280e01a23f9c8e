import { useI18n } from '../i18n/i18n.tsx';
import { RouterLink } from '../router.tsx';

/** Previous / next links with "Page 2 of 5" between them. */
export function Pagination({
  page,
  pages,
  hrefFor,
}: {
  page: number;
  pages: number;
  hrefFor(page: number): string;
}) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav className="utrecht-pagination grip-pagination" aria-label={t.common.pagination}>
      {page > 1 ? (
        <RouterLink
          to={hrefFor(page - 1)}
          rel="prev"
          className="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev utrecht-link"
        >
          <span aria-hidden="true">← </span>
          {t.common.previous}
        </RouterLink>
      ) : null}
      <span className="grip-pagination__current" aria-current="page">
        {t.common.pageOf(page, pages)}
      </span>
      {page < pages ? (
        <RouterLink
          to={hrefFor(page + 1)}
          rel="next"
          className="utrecht-pagination__relative-link utrecht-pagination__relative-link--next utrecht-link"
        >
          {t.common.next}
          <span aria-hidden="true"> →</span>
        </RouterLink>
      ) : null}
    </nav>
  );
}
