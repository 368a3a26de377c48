/** Text for SVG markup built by hand: everything that came from data is escaped. */
export const esc = (value: string | number): string =>
  String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A round step for an axis, so that about `ticks` lines cover 0…max. */
export function niceStep(max: number, ticks = 5): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= raw)!;
  return step;
}

export interface ChartText {
  /** A unique prefix for the ids the title and description are referred to by. */
  id: string;
  title: string;
  /** What the chart shows, in words, for people who cannot see it. */
  description: string;
}

/** The opening of an accessible chart: role img, named by its title and described by its description. */
export const svgOpen = ({ id, title, description }: ChartText, width: number, height: number): string =>
  `<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${esc(id)}-title ${esc(id)}-desc">` +
  `<title id="${esc(id)}-title">${esc(title)}</title><desc id="${esc(id)}-desc">${esc(description)}</desc>`;
