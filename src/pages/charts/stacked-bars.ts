import { ChartText, esc, niceStep, svgOpen } from './svg';

export interface Series {
  label: string;
  colour: string;
  /** The colour of numbers written on it, dark or light as the colour needs for contrast. */
  ink: string;
  /** One value per category. */
  values: number[];
}

const WIDTH = 720;
const HEIGHT = 300;
const LEFT = 40;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 60;

/**
 * Stacked bars, one per category (a quarter), one colour per series (a rating), with the count written
 * on every segment tall enough to hold it; the key below names each colour.
 */
export function stackedBars(text: ChartText, categories: string[], series: Series[]): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const step = niceStep(Math.max(1, ...totals));
  const top = Math.max(step, Math.ceil(Math.max(1, ...totals) / step) * step);
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const slot = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.min(56, slot * 0.7);
  const parts: string[] = [svgOpen(text, WIDTH, HEIGHT)];
  for (let tick = 0; tick <= top; tick += step) {
    parts.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(tick)}" y2="${y(tick)}" stroke="#b1b4b6" stroke-width="1"/>`,
      `<text x="${LEFT - 6}" y="${y(tick) + 5}" text-anchor="end" font-size="14" fill="#0b0c0c">${tick}</text>`,
    );
  }
  categories.forEach((category, i) => {
    const x = LEFT + slot * i + (slot - barWidth) / 2;
    let base = 0;
    for (const s of series) {
      const value = s.values[i] ?? 0;
      if (value > 0) {
        const y0 = y(base + value);
        const h = y(base) - y0;
        parts.push(
          `<rect x="${x}" y="${y0}" width="${barWidth}" height="${h}" fill="${s.colour}"><title>${esc(`${category}: ${value} ${s.label}`)}</title></rect>`,
        );
        if (h >= 16) {
          parts.push(
            `<text x="${x + barWidth / 2}" y="${y0 + h / 2 + 5}" text-anchor="middle" font-size="13" fill="${s.ink}">${value}</text>`,
          );
        }
      }
      base += value;
    }
    parts.push(
      `<text x="${x + barWidth / 2}" y="${HEIGHT - BOTTOM + 20}" text-anchor="middle" font-size="13" fill="#0b0c0c">${esc(category)}</text>`,
    );
  });
  // The key: a swatch and a word for each series.
  let keyX = LEFT;
  for (const s of series) {
    parts.push(
      `<rect x="${keyX}" y="${HEIGHT - 24}" width="14" height="14" fill="${s.colour}"/>`,
      `<text x="${keyX + 20}" y="${HEIGHT - 12}" font-size="14" fill="#0b0c0c">${esc(s.label)}</text>`,
    );
    keyX += 30 + s.label.length * 8;
  }
  parts.push('</svg>');
  return parts.join('');
}
