import { Resvg } from '@resvg/resvg-js';
import { TREND_CHART_SIZE, TrendPoint, trendChartSvg } from './trend-chart.svg';

/** The chart's font ships with the product, so its pixels do not depend on the fonts of the machine. */
const FONT_FAMILY = 'DejaVu Sans';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));
const SCALE = 2;

/** The chart as PNG at twice its size, for documents that cannot show SVG everywhere (Word, LibreOffice). */
export function trendChartPng(points: readonly TrendPoint[]): Buffer {
  const svg = trendChartSvg(points, FONT_FAMILY);
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'width', value: TREND_CHART_SIZE.width * SCALE },
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY },
    background: '#ffffff',
  }).render();
  return rendered.asPng();
}
