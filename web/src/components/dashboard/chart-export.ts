/**
 * Export of a chart as an SVG file (the chart's own SVG, serialised) or as a PNG (that SVG drawn on a
 * canvas at twice the size). Charts draw with presentation attributes rather than CSS, so the file looks
 * the same outside the app; the font is set on the root. Data URLs only: the Content-Security-Policy
 * allows images from 'self' and data:.
 */

const FONT = "'Noto Sans', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

export function serialiseSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('font-family', FONT);
  copy.removeAttribute('class');
  // Links and focus handlers mean nothing in a file; keep their shapes.
  for (const link of Array.from(copy.querySelectorAll('a'))) {
    link.removeAttribute('href');
    link.removeAttribute('class');
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

function download(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

const svgDataUrl = (text: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;

export function downloadSvg(svg: SVGSVGElement, fileName: string): void {
  download(svgDataUrl(serialiseSvg(svg)), `${fileName}.svg`);
}

export function downloadPng(svg: SVGSVGElement, fileName: string): Promise<void> {
  const width = Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width;
  const height = Number(svg.getAttribute('height')) || svg.getBoundingClientRect().height;
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * 2);
      canvas.height = Math.round(height * 2);
      const context = canvas.getContext('2d');
      if (!context) return reject(new Error('no canvas'));
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.scale(2, 2);
      context.drawImage(image, 0, 0, width, height);
      download(canvas.toDataURL('image/png'), `${fileName}.png`);
      resolve();
    };
    image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    image.src = svgDataUrl(serialiseSvg(svg));
  });
}
