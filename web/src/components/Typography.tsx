import type { HTMLAttributes, ReactNode } from 'react';

type Level = 1 | 2 | 3 | 4;

type HeadingProps = HTMLAttributes<HTMLHeadingElement> & {
  level: Level;
  /** Looks like this level; the element keeps `level` for the document outline. */
  appearance?: Level;
  children: ReactNode;
};

export function Heading({ level, appearance, className, ...rest }: HeadingProps) {
  const Tag = `h${level}` as const;
  return (
    <Tag
      className={[`utrecht-heading-${appearance ?? level}`, className].filter(Boolean).join(' ')}
      {...rest}
    />
  );
}

export function Paragraph({
  lead,
  small,
  className,
  ...rest
}: HTMLAttributes<HTMLParagraphElement> & { lead?: boolean; small?: boolean }) {
  const classes = ['utrecht-paragraph'];
  if (lead) classes.push('utrecht-paragraph--lead');
  if (small) classes.push('utrecht-paragraph--small');
  if (className) classes.push(className);
  return <p className={classes.join(' ')} {...rest} />;
}

/** The one h1 of a page. Focus moves here after navigation (see Layout). */
export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <h1 id="page-title" tabIndex={-1} className="utrecht-heading-1 grip-page-title">
      {children}
    </h1>
  );
}
