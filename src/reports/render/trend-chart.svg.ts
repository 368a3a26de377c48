import { RagTotals } from '../../projections/rag-board/direction';
import { RAG_DISPLAY } from '../../milestone/rag';
import { RAG_COLOURS, RAG_WORD, TOTAL_KEYS } from './wording';

export interface TrendPoint {
  period: string;
  totals: RagTotals;
}

const WIDTH = 680;
const HEIGHT = 330;
const PLOT = { left: 56, right: 500, top: 24, bottom: 280 };
const LIGHT_TEXT = new Set(['green', 'red', 'complete']);

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Whole numbers only, so the same totals always draw the same picture. */
const niceStep = (max: number): number => [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find((s) => max / s <= 6) ?? Math.ceil(max / 6);

const sum = (totals: RagTotals): number => TOTAL_KEYS.reduce((n, [key]) => n + totals[key], 0);

/**
 * A stacked bar per quarter of the milestones' ratings, drawn as SVG on the server: inline in the HTML
 * report, and rasterised for the DOCX. Each segment carries its count, and the legend names each colour
 * with its symbol and word.
 */
export function trendChartSvg(points: readonly TrendPoint[], fontFamily: string): string {
  const max = Math.max(1, ...points.map((p) => sum(p.totals)));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (value: number) => PLOT.bottom - ((PLOT.bottom - PLOT.top) * value) / top;
  const slot = (PLOT.right - PLOT.left) / Math.max(points.length, 1);
  const barWidth = Math.min(72, slot * 0.6);
  const parts: string[] = [];
  for (let v = 0; v <= top; v += step) {
    parts.push(`<line x1="${PLOT.left}" y1="${y(v)}" x2="${PLOT.right}" y2="${y(v)}" stroke="#b1b4b6" stroke-width="${v === 0 ? 1.5 : 0.75}"/>`);
    parts.push(`<text x="${PLOT.left - 8}" y="${y(v) + 4}" font-size="12" text-anchor="end" fill="#0b0c0c">${v}</text>`);
  }
  points.forEach((point, i) => {
    const x = PLOT.left + slot * i + (slot - barWidth) / 2;
    let base = 0;
    for (const [key, rag] of TOTAL_KEYS) {
      const count = point.totals[key];
      if (count === 0) continue;
      const y0 = y(base + count);
      const height = y(base) - y0;
      parts.push(
        `<rect x="${x}" y="${y0}" width="${barWidth}" height="${height}" fill="#${RAG_COLOURS[rag].solid}" stroke="#ffffff" stroke-width="1"><title>${escape(`${point.period}: ${count} ${RAG_WORD[rag]}`)}</title></rect>`,
      );
      if (height >= 14) {
        const fill = LIGHT_TEXT.has(rag) ? '#ffffff' : '#0b0c0c';
        parts.push(`<text x="${x + barWidth / 2}" y="${y0 + height / 2 + 4}" font-size="12" font-weight="bold" text-anchor="middle" fill="${fill}">${count}</text>`);
      }
      base += count;
    }
    parts.push(`<text x="${x + barWidth / 2}" y="${PLOT.bottom + 18}" font-size="12" text-anchor="middle" fill="#0b0c0c">${escape(point.period)}</text>`);
    parts.push(`<text x="${x + barWidth / 2}" y="${y(base) - 6}" font-size="11" text-anchor="middle" fill="#505a5f">${base}</text>`);
  });
  parts.push(
    `<text x="16" y="${(PLOT.top + PLOT.bottom) / 2}" font-size="12" text-anchor="middle" fill="#0b0c0c" transform="rotate(-90 16 ${(PLOT.top + PLOT.bottom) / 2})">Milestones</text>`,
  );
  TOTAL_KEYS.forEach(([, rag], i) => {
    const ly = PLOT.top + 8 + i * 26;
    parts.push(`<rect x="${PLOT.right + 28}" y="${ly}" width="18" height="18" fill="#${RAG_COLOURS[rag].solid}"/>`);
    parts.push(`<text x="${PLOT.right + 54}" y="${ly + 14}" font-size="13" fill="#0b0c0c">${escape(`${RAG_DISPLAY[rag].symbol} ${RAG_WORD[rag]}`)}</text>`);
  });
  const description = points
    .map((p) => `${p.period}: ${TOTAL_KEYS.map(([key, rag]) => `${p.totals[key]} ${RAG_WORD[rag].toLowerCase()}`).join(', ')}`)
    .join('; ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="rag-trend-title rag-trend-desc" font-family="${escape(fontFamily)}">`,
    `<title id="rag-trend-title">Milestones by rating, quarter by quarter</title>`,
    `<desc id="rag-trend-desc">${escape(description)}</desc>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

export const TREND_CHART_SIZE = { width: WIDTH, height: HEIGHT };
