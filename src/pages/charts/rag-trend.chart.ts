import { RagTrendDto } from '../../projections/rag-board/rag-trend.dto';
import { Series, stackedBars } from './stacked-bars';

/** The ratings in the order of the board's key, with the colours of their tags (GOV.UK palette). */
const RATINGS = [
  { key: 'green', label: 'Green', colour: '#0f7a52', ink: '#ffffff' },
  { key: 'amber', label: 'Amber', colour: '#f47738', ink: '#0b0c0c' },
  { key: 'red', label: 'Red', colour: '#ca3535', ink: '#ffffff' },
  { key: 'complete', label: 'Complete', colour: '#1d70b8', ink: '#ffffff' },
  { key: 'notRated', label: 'Not rated', colour: '#cecece', ink: '#0b0c0c' },
] as const;

export interface TrendChart {
  svg: string;
  /** The same figures as a table: one row a quarter. */
  headers: string[];
  rows: Array<{ period: string; counts: number[] }>;
}

export function ragTrendChart(trend: RagTrendDto, localAuthority: string): TrendChart {
  const periods = trend.periods.map((p) => p.period);
  const series: Series[] = RATINGS.map((r) => ({
    label: r.label,
    colour: r.colour,
    ink: r.ink,
    values: trend.periods.map((p) => p.totals[r.key]),
  }));
  const last = trend.periods.at(-1);
  const description = last
    ? `Milestones by rating for each quarter from ${periods[0]} to ${last.period}. In ${last.period}: ` +
      RATINGS.map((r) => `${last.totals[r.key]} ${r.label.toLowerCase()}`).join(', ') +
      '. The table after the chart gives every figure.'
    : 'No quarter has been rated yet.';
  return {
    svg: stackedBars(
      { id: 'rag-trend', title: `${localAuthority}: milestones by rating, quarter by quarter`, description },
      periods,
      series,
    ),
    headers: RATINGS.map((r) => r.label),
    rows: trend.periods.map((p) => ({ period: p.period, counts: RATINGS.map((r) => p.totals[r.key]) })),
  };
}
