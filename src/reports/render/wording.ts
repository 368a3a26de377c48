import { Rag, RAG_DISPLAY } from '../../milestone/rag';
import { JUDGEMENT_AREA_LABELS, JudgementArea } from '../../visit/ofsted';
import { RagTotals } from '../../projections/rag-board/direction';
import { HistoryEntryDto } from '../../projections/recommendations/recommendation-history.dto';
import { QuarterlyReport, ReportMilestone, ReportRecommendation, ReportVisit } from '../quarterly-report/quarterly-report';

/**
 * How the reports word things. Nothing here reads the locale, the time zone or the clock: the same
 * report gives the same text on every machine.
 */
export const RAG_WORD: Record<Rag, string> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  complete: 'Complete',
  'not-rated': 'Not rated',
};

/** The symbol and the word together: colour alone is not accessible. */
export const ragText = (rag: Rag): string => `${RAG_DISPLAY[rag].symbol} ${RAG_WORD[rag]}`;

/** Cell colours as hex (tint and the text on it): GOV.UK tag colours, legible in print and for colour-blind readers. */
export const RAG_COLOURS: Record<Rag, { fill: string; text: string; solid: string }> = {
  green: { fill: 'CCE2D8', text: '005A30', solid: '00703C' },
  amber: { fill: 'FFF7BF', text: '594D00', solid: 'FFDD00' },
  red: { fill: 'F4CDC6', text: '942514', solid: 'D4351C' },
  complete: { fill: 'BBD4EA', text: '0C2D4A', solid: '1D70B8' },
  'not-rated': { fill: 'EEEFEF', text: '383F43', solid: 'B1B4B6' },
};

export const TOTAL_KEYS: ReadonlyArray<[keyof RagTotals, Rag]> = [
  ['green', 'green'],
  ['amber', 'amber'],
  ['red', 'red'],
  ['complete', 'complete'],
  ['notRated', 'not-rated'],
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2025-09-30` → `30 September 2025`. */
export const longDate = (date: string): string => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

/** `2025-04-01` → `April 2025`, for visits whose day is not known. */
export const monthOf = (date: string): string => `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

/** `2025-10-20T09:00:00.000Z` → `20 October 2025 at 09:00:00 UTC` (the milliseconds stay in the exact form). */
export const longInstant = (instant: string): string => `${longDate(instant.slice(0, 10))} at ${instant.slice(11, 19)} UTC`;

/** 12128 → `12,128`; 10.4 → `10.4`; without the locale's help. */
export function plainNumber(value: number): string {
  const [whole, fraction] = String(Math.abs(value)).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '−' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

export function valueWithUnit(value: number, unit: string): string {
  switch (unit) {
    case 'percent':
      return `${plainNumber(value)}%`;
    case 'GBP':
      return `£${plainNumber(value)}`;
    default:
      return plainNumber(value);
  }
}

export const periodRange = (report: QuarterlyReport): string => `${longDate(report.period.start)} to ${longDate(report.period.end)}`;

/** What changed since the quarter before, in words a board member reads at a glance. */
export function changeText(m: ReportMilestone, previousPeriod: string | null): string {
  const was = m.previousRag && m.previousRag !== 'not-rated' ? ` (was ${ragText(m.previousRag)})` : '';
  switch (m.change) {
    case 'improved':
      return `▲ Improved${was}`;
    case 'declined':
      return `▼ Declined${was}`;
    case 'unchanged':
      return `No change${was}`;
    case 'first-rating':
      return previousPeriod ? `First rating (none for ${previousPeriod})` : 'First rating';
    case 'not-rated':
      return m.lastRated ? `Not rated this period; last ${ragText(m.lastRated.rag)} for ${m.lastRated.period}` : 'Not rated this period';
    default: {
      const _exhaustive: never = m.change;
      return String(_exhaustive);
    }
  }
}

export const changedAfterText = (m: ReportMilestone): string | null =>
  m.changedAfterPack
    ? `Changed after the board saw it (pack ${m.changedAfterPack.packId}, issued ${longDate(m.changedAfterPack.issuedAt.slice(0, 10))})`
    : null;

const KINDS: Record<string, string> = {
  ilacs: 'ILACS inspection',
  monitoring: 'Monitoring visit',
  focused: 'Focused visit',
  other: 'Visit',
};

export const visitKind = (kind: string): string => KINDS[kind] ?? 'Visit';

export const visitDates = (v: Pick<ReportVisit, 'startDate' | 'endDate' | 'datePrecision'>): string =>
  v.datePrecision === 'month'
    ? monthOf(v.startDate)
    : v.startDate === v.endDate
      ? longDate(v.startDate)
      : `${longDate(v.startDate)} to ${longDate(v.endDate)}`;

export const words = (slug: string): string => {
  const text = slug.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export const areaLabel = (area: string): string => JUDGEMENT_AREA_LABELS[area as JudgementArea] ?? words(area);

/** The head of the log a report reflects: its position and the chain's link there. */
export function headText({ lastPosition, lastHash }: QuarterlyReport['moment']): string {
  return lastPosition === null ? 'nothing recorded yet' : `position ${lastPosition}, chain link ${lastHash ?? 'none'}`;
}

/** The line every file carries so that the same document can be made again, and the record behind it checked. */
export function momentText(report: QuarterlyReport): string {
  const { asOf, knownAt } = report.moment;
  return `The plan as of ${longDate(asOf)}, as known at ${longInstant(knownAt)} (${knownAt}); it reflects the log up to ${headText(report.moment)}.`;
}

/** The cover's account of the moment shown, label and text: the DOCX and the HTML show the same. */
export function coverFacts(report: QuarterlyReport): Array<[string, string]> {
  const { moment } = report;
  return [
    ['As of', `${longDate(moment.asOf)}: each rating, status and figure as it stood on that day`],
    ['As known at', `${longInstant(moment.knownAt)} (${moment.knownAt}): only what had been recorded by then`],
    [
      'Head of the log it reflects',
      moment.lastPosition === null ? 'Nothing recorded yet' : `Position ${moment.lastPosition}; chain link (SHA-256) ${moment.lastHash ?? 'none'}`,
    ],
    [
      'To check it',
      'The link stands for everything recorded up to that position. The tracker’s verify command, given this position and link, shows whether any of it has been changed since.',
    ],
    ['To make it again', 'The same period, asOf and knownAt give this document again, byte for byte.'],
  ];
}

export const reportTitle = (report: QuarterlyReport): string => `Quarterly monitoring report ${report.period.text}`;

/** `halton-quarterly-report-2025-26-Q2-as-of-2025-09-30-known-at-20251020T090000000Z.docx` */
export function fileNameOf(report: QuarterlyReport, extension: string): string {
  const known = report.moment.knownAt.replace(/[-:.]/g, '');
  const slug = (text: string) => text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${slug(report.plan.planId)}-quarterly-report-${slug(report.period.text)}-as-of-${report.moment.asOf}-known-at-${known}.${extension}`;
}

/** Commentary as paragraphs: the seeds keep the report's paragraph breaks as blank lines. */
export const paragraphsOf = (text: string | null): string[] =>
  (text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

/** The sections, in the council report's own order; DOCX and HTML number them alike. */
export const SECTIONS = {
  summary: '1. Summary of progress',
  milestones: '2. Progress against the milestones',
  declined: '3. Milestones whose rating fell',
  changedAfter: '4. Ratings changed after the board saw them',
  recommendations: '5. Recommendations',
  visits: '6. Visits since the last report',
  indicators: '7. Performance indicators',
  symbols: 'Appendix: explanation of the progress symbols',
} as const;

export const SYMBOL_MEANINGS: Record<Rag, string> = {
  green: 'The milestone is on course to be achieved within the appropriate timeframe.',
  amber: 'It is uncertain, or too early to say at this stage, whether the milestone will be achieved within the appropriate timeframe.',
  red: 'It is unlikely or certain that the milestone will not be achieved within the appropriate timeframe.',
  complete: 'The milestone has been delivered.',
  'not-rated': 'No rating was given for this period.',
};

const previousOrLast = (report: QuarterlyReport) => report.previousPeriod ?? 'the previous quarter';

export const TEXTS = {
  summary: (report: QuarterlyReport): string => {
    const t = report.totals;
    const all = TOTAL_KEYS.reduce((n, [key]) => n + t[key], 0);
    return (
      `Of ${all} milestones, ${t.green} are on course (green), ${t.amber} uncertain or too early to say (amber), ${t.red} unlikely to be achieved (red), ` +
      `${t.complete} complete, and ${t.notRated} not rated for ${report.period.text}. ${report.declined.length} fell since ${previousOrLast(report)}.`
    );
  },
  milestones: (report: QuarterlyReport): string =>
    `Each priority's milestones with their progress for ${report.period.text} and the change since ${previousOrLast(report)}.`,
  noDecline: (report: QuarterlyReport): string => `No milestone's rating fell between ${previousOrLast(report)} and ${report.period.text}.`,
  noChangeAfter: 'No rating shown here was recorded after a board pack of its period was issued.',
  recommendations: 'The inspection’s recommendations, whether each is open or closed on evidence, and what has been recorded since the last visit.',
  indicators: (report: QuarterlyReport): string =>
    `Each indicator's latest value for a period begun by ${longDate(report.period.end)}, and the value before it.`,
  chartCaption: (report: QuarterlyReport): string => `Figure 1: each quarter's ratings, as known at ${longInstant(report.moment.knownAt)}.`,
  visits: (report: QuarterlyReport): string => {
    const range = `between ${longDate(report.visits.since)} and ${longDate(report.moment.asOf)}`;
    if (report.visits.items.length > 0) return `Visits that ended ${range}.`;
    const last = report.visits.lastBefore;
    return `No inspection or visit ended ${range}.${last ? ` The last one before was the ${visitKind(last.kind).toLowerCase()} of ${visitDates(last)}.` : ''}`;
  },
  status: (r: ReportRecommendation): string => (r.status === 'closed' && r.closedOn ? `Closed on ${longDate(r.closedOn)}` : `Open since ${longDate(r.raisedOn)}`),
  changeHeader: (report: QuarterlyReport): string => `Change since ${report.previousPeriod ?? 'last period'}`,
  progressHeader: (report: QuarterlyReport): string => `Progress ${report.period.text}`,
};

export const sinceHeading = (r: ReportRecommendation): string =>
  r.since ? `Since the ${visitKind(r.since.kind).toLowerCase()} of ${visitDates(r.since)}:` : 'Since it was raised:';

function entryLine(e: HistoryEntryDto): string {
  const on = longDate(e.effectiveOn);
  switch (e.type) {
    case 'MilestoneUpdated':
      return `${on}: ${e.milestoneId} rated ${ragText((e.rag ?? 'not-rated') as Rag)} for ${e.period}${e.reason ? ' (a correction)' : ''}`;
    case 'VisitFindingRecorded':
      return `${on}: a finding of ${e.visitId} (${words(e.assessment ?? '').toLowerCase()})`;
    case 'RecommendationClosed':
      return `${on}: closed on evidence${e.reason ? `: ${e.reason}` : ''}`;
    case 'RecommendationReopened':
      return `${on}: reopened${e.reason ? `: ${e.reason}` : ''}`;
    case 'MilestoneLinked':
      return `${on}: milestone ${e.milestoneId} linked to it`;
    case 'RecommendationRaised':
      return `${on}: raised`;
    default: {
      const _exhaustive: never = e.type;
      return String(_exhaustive);
    }
  }
}

export const sinceLines = (r: ReportRecommendation): string[] => {
  const lines = r.sinceLastVisit.map(entryLine);
  if (r.earlier > 0) lines.unshift(`${r.earlier} earlier ${r.earlier === 1 ? 'entry' : 'entries'}: see its history`);
  return lines.length > 0 ? lines : ['Nothing recorded.'];
};
