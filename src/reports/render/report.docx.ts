import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { Rag, RAG_DISPLAY } from '../../milestone/rag';
import { QuarterlyReport, ReportMilestone, ReportVisit } from '../quarterly-report/quarterly-report';
import { fixCoreDates, stableZip } from './stable-zip';
import { TREND_CHART_SIZE } from './trend-chart.svg';
import {
  areaLabel,
  changedAfterText,
  changeText,
  coverFacts,
  momentText,
  paragraphsOf,
  periodRange,
  RAG_COLOURS,
  RAG_WORD,
  ragText,
  reportTitle,
  SECTIONS,
  sinceHeading,
  sinceLines,
  SYMBOL_MEANINGS,
  TEXTS,
  TOTAL_KEYS,
  valueWithUnit,
  visitDates,
  visitKind,
  words,
} from './wording';

/** A4 portrait with 2 cm margins (more at the foot, for the footer), in twentieths of a point. */
const PAGE = { width: 11906, height: 16838, margin: 1134, bottom: 1500 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = 'Arial';
const SMALL = 18;
const HEADER_FILL = 'DEE0E2';
const GREY = '505A5F';

type Cell = string | Paragraph[];

const run = (text: string, options: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}) =>
  new TextRun({ text, font: FONT, size: options.size ?? SMALL, ...options });

const para = (children: TextRun[] | string, options: { spacingAfter?: number; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({
    children: typeof children === 'string' ? [run(children)] : children,
    spacing: { after: options.spacingAfter ?? 60 },
    ...(options.alignment ? { alignment: options.alignment } : {}),
  });

const body = (text: string, options: { bold?: boolean; italics?: boolean; color?: string } = {}) =>
  new Paragraph({ children: [run(text, { size: 22, ...options })], spacing: { after: 120 } });

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false) =>
  new Paragraph({ text, heading: level, pageBreakBefore, keepNext: true });

function cell(content: Cell, width: number, options: { fill?: string; header?: boolean } = {}): TableCell {
  const children = typeof content === 'string' ? [para([run(content, { bold: options.header })])] : content;
  return new TableCell({
    children: children.length > 0 ? children : [para('')],
    width: { size: width, type: WidthType.DXA },
    margins: { top: 60, bottom: 60, left: 90, right: 90 },
    ...(options.fill ? { shading: { fill: options.fill, type: ShadingType.CLEAR, color: 'auto' } } : {}),
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '8C9196' };

type Fills = Array<Array<string | undefined>>;

function tableOf(widths: number[], headers: string[] | undefined, rows: Cell[][], fills: Fills, keepRowsWhole = false): Table {
  const scale = CONTENT_WIDTH / widths.reduce((a, b) => a + b, 0);
  const twips = widths.map((w) => Math.floor(w * scale));
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      ...(headers
        ? [new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, twips[i]!, { fill: HEADER_FILL, header: true })) })]
        : []),
      ...rows.map((row, r) => new TableRow({ cantSplit: keepRowsWhole, children: row.map((c, i) => cell(c, twips[i]!, { fill: fills[r]?.[i] })) })),
    ],
  });
}

/** A table whose first row repeats at the top of every page it runs onto. */
const table = (headers: string[], widths: number[], rows: Cell[][], fills: Fills = []) => tableOf(widths, headers, rows, fills);
const grid = (widths: number[], rows: Cell[][], fills: Fills = []) => tableOf(widths, undefined, rows, fills);

/** The rating in its colour, with its symbol and word. */
const ragParagraph = (rag: Rag) => para([run(ragText(rag), { bold: true, color: RAG_COLOURS[rag].text })]);

function progressCell(m: ReportMilestone): Paragraph[] {
  const flagged = changedAfterText(m);
  return [
    ragParagraph(m.rag),
    ...(m.note ? [para([run(m.note, { italics: true, color: GREY, size: 16 })])] : []),
    ...(flagged ? [para([run(`⚠ ${flagged}`, { bold: true, color: '942514', size: 16 })])] : []),
  ];
}

function milestoneRows(report: QuarterlyReport, milestones: ReportMilestone[]): { rows: Cell[][]; fills: Array<Array<string | undefined>> } {
  return {
    rows: milestones.map((m) => [
      [para([run(m.milestoneId, { bold: true })])],
      [para(m.title), ...(m.owner ? [para([run(`Owner: ${m.owner}`, { italics: true, color: GREY, size: 16 })])] : [])],
      progressCell(m),
      paragraphsOf(m.commentary).map((p) => para(p)).concat(m.commentary ? [] : [para([run('No commentary for this period.', { italics: true, color: GREY })])]),
      changeText(m, report.previousPeriod),
    ]),
    fills: milestones.map((m) => [undefined, undefined, RAG_COLOURS[m.rag].fill, undefined, undefined]),
  };
}

function cover(report: QuarterlyReport): Array<Paragraph | Table> {
  const line = (text: string, size: number, options: { bold?: boolean; color?: string } = {}) =>
    new Paragraph({ children: [run(text, { size, ...options })], spacing: { after: 160 } });
  const facts = coverFacts(report);
  return [
    new Paragraph({ children: [], spacing: { before: 1800 } }),
    line(report.plan.localAuthority, 36, { bold: true }),
    line(report.plan.title, 28),
    new Paragraph({ text: 'Quarterly monitoring report', heading: HeadingLevel.TITLE, spacing: { before: 480, after: 240 } }),
    line(`${report.period.text}: ${periodRange(report)}`, 28, { bold: true }),
    new Paragraph({ children: [run('The moment this report shows', { size: 22, bold: true })], spacing: { before: 720, after: 120 } }),
    grid([30, 70], facts.map(([label, value]) => [[para([run(label, { bold: true })])], value]), facts.map(() => [HEADER_FILL, undefined])),
    new Paragraph({ children: [run('Contents', { size: 22, bold: true })], spacing: { before: 480, after: 120 } }),
    ...Object.values(SECTIONS).map((c) => para([run(c, { size: 22 })])),
  ];
}

function summary(report: QuarterlyReport, chartPng: Buffer): Array<Paragraph | Table> {
  const t = report.totals;
  const all = TOTAL_KEYS.reduce((n, [key]) => n + t[key], 0);
  const count = (n: number) => [para(String(n), { alignment: AlignmentType.CENTER })];
  const rows: Cell[][] = report.priorities.map((p) => [
    [para([run(p.priorityId, { bold: true })])],
    p.title,
    ...TOTAL_KEYS.map(([key]) => count(p.totals[key])),
    count(p.milestones.length),
  ]);
  const bold = (n: number) => [para([run(String(n), { bold: true })], { alignment: AlignmentType.CENTER })];
  rows.push([[para([run('All', { bold: true })])], [para([run('All priorities', { bold: true })])], ...TOTAL_KEYS.map(([key]) => bold(t[key])), bold(all)]);
  const width = 440;
  return [
    heading(SECTIONS.summary, HeadingLevel.HEADING_1, true),
    body(TEXTS.summary(report)),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: 'png',
          data: chartPng,
          transformation: { width, height: Math.round((width * TREND_CHART_SIZE.height) / TREND_CHART_SIZE.width) },
          altText: {
            id: '1',
            name: 'rag-trend',
            title: 'Milestones by rating, quarter by quarter',
            description: report.trend
              .map((p) => `${p.period}: ${TOTAL_KEYS.map(([key, rag]) => `${p.totals[key]} ${RAG_WORD[rag].toLowerCase()}`).join(', ')}`)
              .join('; '),
          },
        }),
      ],
    }),
    para([run(TEXTS.chartCaption(report), { italics: true, color: GREY })], { spacingAfter: 200 }),
    tableOf([11, 36, 8, 9, 8, 12, 8, 8], ['Priority', 'Title', ...TOTAL_KEYS.map(([, rag]) => ragText(rag)), 'Total'], rows, [], true),
  ];
}

function priorities(report: QuarterlyReport): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [heading(SECTIONS.milestones, HeadingLevel.HEADING_1, true), body(TEXTS.milestones(report))];
  report.priorities.forEach((p, i) => {
    out.push(heading(`${p.priorityId}: ${p.title}`, HeadingLevel.HEADING_2, i > 0));
    const { rows, fills } = milestoneRows(report, p.milestones);
    out.push(table(['Ref', 'Milestone', TEXTS.progressHeader(report), 'Supporting commentary', TEXTS.changeHeader(report)], [7, 21, 14, 45, 13], rows, fills));
  });
  return out;
}

function shortList(report: QuarterlyReport, title: string, empty: string, milestones: ReportMilestone[], extra: (m: ReportMilestone) => string) {
  const out: Array<Paragraph | Table> = [heading(title, HeadingLevel.HEADING_1, true)];
  if (milestones.length === 0) return [...out, body(empty)];
  out.push(
    table(
      ['Ref', 'Milestone', TEXTS.progressHeader(report), 'What changed'],
      [10, 45, 18, 27],
      milestones.map((m) => [[para([run(m.milestoneId, { bold: true })])], m.title, [ragParagraph(m.rag)], extra(m)]),
      milestones.map((m) => [undefined, undefined, RAG_COLOURS[m.rag].fill, undefined]),
    ),
  );
  return out;
}

function recommendations(report: QuarterlyReport): Array<Paragraph | Table> {
  return [
    heading(SECTIONS.recommendations, HeadingLevel.HEADING_1, true),
    body(TEXTS.recommendations),
    table(
      ['Ref', 'Recommendation', 'Status', 'Since the last visit'],
      [7, 43, 14, 36],
      report.recommendations.map((r) => [
        [para([run(r.recommendationId, { bold: true })])],
        [para(r.text), ...(r.linkedMilestoneIds.length ? [para([run(`Milestones: ${r.linkedMilestoneIds.join(', ')}`, { italics: true, color: GREY, size: 16 })])] : [])],
        TEXTS.status(r),
        [para([run(sinceHeading(r), { bold: true })]), ...sinceLines(r).map((l) => para(`• ${l}`))],
      ]),
    ),
  ];
}

function visitBlock(v: ReportVisit): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [heading(`${visitKind(v.kind)}: ${visitDates(v)}`, HeadingLevel.HEADING_2)];
  if (v.inspectors.length) out.push(body(`Inspectors: ${v.inspectors.join(', ')}`));
  if (v.areas.length) out.push(body(`Areas reviewed: ${v.areas.join('; ')}`));
  if (v.judgements.length) {
    out.push(table(['Judgement area', 'Grade'], [70, 30], v.judgements.map((j) => [areaLabel(j.area), words(j.grade)])));
  }
  if (v.findings.length) {
    out.push(
      table(
        ['Finding', 'Assessment', 'Recommendations'],
        [64, 20, 16],
        v.findings.map((f) => [f.text, words(f.assessment), f.recommendationIds.join(', ')]),
      ),
    );
  }
  return out;
}

function visits(report: QuarterlyReport): Array<Paragraph | Table> {
  return [heading(SECTIONS.visits, HeadingLevel.HEADING_1, true), body(TEXTS.visits(report)), ...report.visits.items.flatMap(visitBlock)];
}

function indicators(report: QuarterlyReport): Array<Paragraph | Table> {
  const value = (v: { value: number; period: string } | null, unit: string) => (v ? `${valueWithUnit(v.value, unit)} (${v.period})` : '–');
  return [
    heading(SECTIONS.indicators, HeadingLevel.HEADING_1, true),
    body(TEXTS.indicators(report)),
    table(
      ['Indicator', 'Latest', 'Before'],
      [54, 23, 23],
      report.indicators.map((i) => [i.title, value(i.latest, i.unit), value(i.before, i.unit)]),
    ),
  ];
}

function appendix(): Array<Paragraph | Table> {
  return [
    heading(SECTIONS.symbols, HeadingLevel.HEADING_1, true),
    table(
      ['Progress', 'Symbol', 'Meaning'],
      [20, 12, 68],
      TOTAL_KEYS.map(([, rag]) => [[para([run(RAG_WORD[rag], { bold: true, color: RAG_COLOURS[rag].text })])], RAG_DISPLAY[rag].symbol, SYMBOL_MEANINGS[rag]]),
      TOTAL_KEYS.map(([, rag]) => [RAG_COLOURS[rag].fill, RAG_COLOURS[rag].fill, undefined]),
    ),
  ];
}

/**
 * The quarterly report as a Word document officers can edit: real headings, tables whose header rows
 * repeat, the chart as a picture. Its bytes depend only on the report (see stableZip).
 */
export async function reportDocx(report: QuarterlyReport, chartPng: Buffer): Promise<Buffer> {
  const title = `${report.plan.localAuthority}: ${reportTitle(report)}`;
  const document = new Document({
    title,
    subject: `${report.plan.title}, ${report.period.text}`,
    creator: report.plan.localAuthority,
    lastModifiedBy: report.plan.localAuthority,
    description: momentText(report),
    revision: 1,
    styles: {
      default: {
        document: { run: { font: FONT, size: 22 } },
        title: { run: { font: FONT, size: 56, bold: true, color: '0B0C0C' } },
        heading1: { run: { font: FONT, size: 36, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 240, after: 200 } } },
        heading2: { run: { font: FONT, size: 28, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 320, after: 160 } } },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.bottom, left: PAGE.margin, right: PAGE.margin, footer: 567 } },
        },
        headers: {
          default: new Header({ children: [para([run(title, { color: GREY, size: 16 })], { alignment: AlignmentType.RIGHT })] }),
          first: new Header({ children: [para('')] }),
        },
        footers: {
          default: new Footer({
            children: [
              para([run(momentText(report), { color: GREY, size: 14 })]),
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], font: FONT, size: 16, color: GREY })],
              }),
            ],
          }),
          first: new Footer({ children: [para([run(momentText(report), { color: GREY, size: 14 })])] }),
        },
        children: [
          ...cover(report),
          ...summary(report, chartPng),
          ...priorities(report),
          ...shortList(report, SECTIONS.declined, TEXTS.noDecline(report), report.declined, (m) => changeText(m, report.previousPeriod)),
          ...shortList(report, SECTIONS.changedAfter, TEXTS.noChangeAfter, report.changedAfterPacks, (m) => changedAfterText(m) ?? ''),
          ...recommendations(report),
          ...visits(report),
          ...indicators(report),
          ...appendix(),
        ],
      },
    ],
  });
  return stableZip(await Packer.toBuffer(document), fixCoreDates(report.moment.knownAt));
}
