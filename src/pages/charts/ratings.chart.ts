import { ChartText, esc, svgOpen } from './svg';

/** Best at the top: a milestone's rating over time reads like a line going up or down. */
const LEVELS = [
  { rag: 'complete', label: 'Complete', colour: '#1d70b8' },
  { rag: 'green', label: 'Green', colour: '#0f7a52' },
  { rag: 'amber', label: 'Amber', colour: '#f47738' },
  { rag: 'red', label: 'Red', colour: '#ca3535' },
  { rag: 'not-rated', label: 'Not rated', colour: '#858686' },
] as const;

const WIDTH = 720;
const LEFT = 90;
const RIGHT = 20;
const TOP = 15;
const ROW = 34;
const BOTTOM = 40;

/** One milestone's rating each quarter: a point on the rating's row, joined quarter to quarter. */
export function ratingsChart(text: ChartText, points: Array<{ period: string; rag: string }>): string {
  const height = TOP + ROW * LEVELS.length + BOTTOM;
  const level = (rag: string) =>
    Math.max(
      0,
      LEVELS.findIndex((l) => l.rag === rag),
    );
  const y = (rag: string) => TOP + ROW * level(rag) + ROW / 2;
  const slot = (WIDTH - LEFT - RIGHT) / Math.max(1, points.length);
  const x = (i: number) => LEFT + slot * i + slot / 2;
  const parts = [svgOpen(text, WIDTH, height)];
  LEVELS.forEach((l, i) => {
    const rowY = TOP + ROW * i + ROW / 2;
    parts.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${rowY}" y2="${rowY}" stroke="#cecece" stroke-width="1"/>`,
      `<text x="${LEFT - 8}" y="${rowY + 5}" text-anchor="end" font-size="14" fill="#0b0c0c">${l.label}</text>`,
    );
  });
  if (points.length > 1) {
    const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i)},${y(p.rag)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="#0b0c0c" stroke-width="2"/>`);
  }
  points.forEach((p, i) => {
    const colour = LEVELS[level(p.rag)]!.colour;
    parts.push(
      `<circle cx="${x(i)}" cy="${y(p.rag)}" r="8" fill="${colour}" stroke="#0b0c0c" stroke-width="1"><title>${esc(`${p.period}: ${LEVELS[level(p.rag)]!.label}`)}</title></circle>`,
      `<text x="${x(i)}" y="${height - BOTTOM + 22}" text-anchor="middle" font-size="13" fill="#0b0c0c">${esc(p.period)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
