import { useId, type ReactNode, type Ref } from 'react';

/**
 * The frame of every dashboard chart: an SVG at its real pixel size with a title and a description for
 * assistive technology, and the hatch pattern that marks hidden cells ('<10', 'x'). The pattern lives in
 * the SVG itself so an exported SVG or PNG shows it too.
 */
export function ChartSvg({
  width,
  height,
  title,
  description,
  children,
  svgRef,
  interactive,
  hatchId,
}: {
  width: number;
  height: number;
  title: string;
  description: string;
  children: ReactNode;
  svgRef?: Ref<SVGSVGElement>;
  /** True when the chart holds links (the map): it is then a group, not one image. */
  interactive?: boolean;
  hatchId: string;
}) {
  const titleId = useId();
  const descId = useId();
  return (
    <svg
      ref={svgRef}
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role={interactive ? 'group' : 'img'}
      aria-labelledby={titleId}
      aria-describedby={descId}
      className="grip-dash-chart__svg"
      focusable="false"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      <defs>
        <pattern
          id={hatchId}
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#4d4d4d" strokeWidth="2" />
        </pattern>
      </defs>
      <rect width={width} height={height} fill="#ffffff" />
      {children}
    </svg>
  );
}

/** An id for the hatch pattern that is valid in url(#…). */
export function useHatchId(): string {
  return `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
}
