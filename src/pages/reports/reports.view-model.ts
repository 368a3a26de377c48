import { comparePeriods } from '../../domain/period';
import { PACK_FORMATS, PackFormat } from '../../board-pack/board-pack';
import { BoardPackDto } from '../../projections/board-packs/board-packs.dto';
import { PlanRow } from '../../projections/shared/plan-lookup';
import { ReportMoment } from '../../reports/quarterly-report/quarterly-report';
import { FieldError } from '../../web/problem.filter';
import { planPage, planPath } from '../layout/frame';
import { PageContext } from '../layout/page-context';
import { recordedBy } from '../layout/people';
import { formatDate, formatInstant } from '../layout/uk-time';
import { periodChoices } from '../quarterly-update/quarterly-update.view-model';

export const FORMAT_NAMES: Record<PackFormat, string> = {
  docx: 'Word (DOCX)',
  xlsx: 'Excel (XLSX)',
  csv: 'CSV',
  html: 'Web page to print (HTML)',
};

/** A row of a return the upload refused: the row and column of the spreadsheet, and what to do. */
export interface ReturnRowError {
  row: number;
  column: string;
  message: string;
}

export interface ReportsPageData {
  plan: PlanRow;
  period: string;
  /** The moment the report of the period shows, and the head of the log it names. */
  moment: ReportMoment;
  packs: BoardPackDto[];
  errors?: FieldError[];
  rowErrors?: ReturnRowError[];
  /** Which form the errors belong to. */
  failed?: 'issue' | 'return';
}

/** `/plans/halton/reports/quarterly/docx?period=…`: the page's own address of a file, in the session. */
const reportHref = (ctx: PageContext, planId: string, query: Record<string, string>, format: PackFormat) =>
  ctx.link(planPath(planId, 'reports', 'quarterly', format), query);

/** The quarterly report page: the files of a quarter, the packs sent to the board, and the return both ways. */
export function reportsViewModel(ctx: PageContext, d: ReportsPageData) {
  const planId = d.plan.plan_id;
  const { moment } = d;
  const issuable = !ctx.inThePast && ctx.may('write', planId);
  const periodQuery = { period: d.period };
  const fileQuery = { period: d.period, knownAt: moment.knownAt };
  const rowErrors = d.rowErrors ?? [];
  const errors = d.errors ?? [];
  // The error summary lists each wrong row of a return, pointing at the file to send again.
  const summary: FieldError[] = [...errors, ...rowErrors.map((e) => ({ field: 'file', message: `Row ${e.row}, ${e.column}: ${e.message}` }))];
  return {
    ...planPage(ctx, d.plan, 'reports', `quarterly report ${d.period}`, [{ text: 'Quarterly report and board packs' }]),
    errors: summary,
    errorList: summary.map((e) => ({ text: e.message, href: `#${e.field === 'file' ? 'file' : 'issue'}` })),
    period: d.period,
    action: ctx.path,
    // The recent quarters, and the one shown whenever it is older.
    choosePeriods: [...new Set([...periodChoices(), d.period])]
      .sort((a, b) => comparePeriods(b, a))
      .map((p) => ({ value: p, text: p, selected: p === d.period })),
    shows: {
      asOf: formatDate(moment.asOf),
      knownAt: formatInstant(moment.knownAt),
      knownAtIso: moment.knownAt,
      head: moment.lastPosition === null ? null : { position: moment.lastPosition, hash: moment.lastHash ?? '' },
    },
    files: PACK_FORMATS.map((format) => ({
      format,
      text: FORMAT_NAMES[format],
      // The moment shown is named in the address, so the file is the one the page describes.
      href: reportHref(ctx, planId, ctx.timeTravel.given.asOf ? fileQuery : { ...fileQuery, asOf: moment.asOf }, format),
    })),
    issue: issuable
      ? { action: ctx.link(planPath(planId, 'reports', 'board-packs')), period: d.period, asOf: moment.asOf, knownAt: moment.knownAt }
      : null,
    issueError: d.failed === 'issue' ? errors[0]?.message : undefined,
    packs: [...d.packs].reverse().map((p) => ({
      packId: p.packId,
      period: p.period,
      shows: `As of ${formatDate(p.asOf)}, as known at ${formatInstant(p.knownAt)}`,
      issued: `${formatInstant(p.issuedAt)} by ${recordedBy(ctx, p.actor)}`,
      head: `Position ${p.lastPosition}; chain link ${p.lastHash ?? 'not recorded'}`,
      files: PACK_FORMATS.map((format) => ({
        text: FORMAT_NAMES[format],
        href: ctx.link(planPath(planId, 'reports', 'board-packs', p.packId, format)),
      })),
    })),
    returns: ctx.may('write', planId)
      ? {
          closed: ctx.inThePast,
          templateHref: `${planPath(planId, 'reports', 'returns', d.period.replace(' ', '-'))}/template.xlsx`,
          action: planPath(planId, 'reports', 'returns', d.period.replace(' ', '-')),
          fileError:
            d.failed === 'return'
              ? (errors.find((e) => e.field === 'file')?.message ??
                (rowErrors.length ? `${rowErrors.length} ${rowErrors.length === 1 ? 'row needs' : 'rows need'} correcting: nothing was recorded` : undefined))
              : undefined,
          rowErrors,
        }
      : null,
    periodQuery,
  };
}
