/** Progress symbols. Colour alone is not accessible, so each has a symbol and a text label too. */
export const RAGS = ['green', 'amber', 'red', 'complete', 'not-rated'] as const;
export type Rag = (typeof RAGS)[number];

/** A forecast says where the milestone will end up, so "not rated" is no forecast. */
export const FORECAST_RAGS = ['green', 'amber', 'red', 'complete'] as const satisfies readonly Rag[];
export type ForecastRag = (typeof FORECAST_RAGS)[number];

export const RAG_DISPLAY: Record<Rag, { symbol: string; colour: string; label: string }> = {
  green: { symbol: '✓', colour: 'green', label: 'Green: on course' },
  amber: { symbol: 'U', colour: 'amber', label: 'Amber: uncertain or too early to say' },
  red: { symbol: '×', colour: 'red', label: 'Red: unlikely to be achieved' },
  complete: { symbol: '★', colour: 'blue', label: 'Complete: delivered' },
  'not-rated': { symbol: '–', colour: 'grey', label: 'Not rated this period' },
};
