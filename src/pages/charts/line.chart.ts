import { ChartText, esc, niceStep, svgOpen } from './svg';

const WIDTH = 720;
const HEIGHT = 260;
const LEFT = 60;
const RIGHT = 20;
const TOP = 15;
const BOTTOM = 45;

/** Values over periods: a line with a marked, labelled point for each; the axis starts at zero. */
export function lineChart(text: ChartText, points: Array<{ label: string; value: number }>): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const max = Math.max(0, ...points.map((p) => p.value));
  const min = Math.min(0, ...points.map((p) => p.value));
  const step = niceStep(max - min || 1);
  const top = Math.ceil(max / step) * step || step;
  const bottom = Math.floor(min / step) * step;
  const y = (v: number) => TOP + plotHeight - ((v - bottom) / (top - bottom)) * plotHeight;
  const slot = plotWidth / Math.max(1, points.length);
  const x = (i: number) => LEFT + slot * i + slot / 2;
  const parts = [svgOpen(text, WIDTH, HEIGHT)];
  for (let tick = bottom; tick <= top + step / 1000; tick += step) {
    const label = Number(tick.toPrecision(6));
    parts.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(tick)}" y2="${y(tick)}" stroke="#cecece" stroke-width="1"/>`,
      `<text x="${LEFT - 6}" y="${y(tick) + 5}" text-anchor="end" font-size="13" fill="#0b0c0c">${esc(label)}</text>`,
    );
  }
  if (points.length > 1) {
    parts.push(
      `<path d="${points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i)},${y(p.value)}`).join(' ')}" fill="none" stroke="#1d70b8" stroke-width="3"/>`,
    );
  }
  points.forEach((p, i) => {
    parts.push(
      `<circle cx="${x(i)}" cy="${y(p.value)}" r="5" fill="#1d70b8"><title>${esc(`${p.label}: ${p.value}`)}</title></circle>`,
      `<text x="${x(i)}" y="${y(p.value) - 10}" text-anchor="middle" font-size="13" fill="#0b0c0c">${esc(p.value)}</text>`,
      `<text x="${x(i)}" y="${HEIGHT - BOTTOM + 22}" text-anchor="middle" font-size="13" fill="#0b0c0c">${esc(p.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
