import { createHash } from 'node:crypto';
import { Rag, RAG_DISPLAY } from '../../milestone/rag';
import { QuarterlyReport, ReportMilestone, ReportVisit } from '../quarterly-report/quarterly-report';
import { trendChartSvg } from './trend-chart.svg';
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

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const h = escapeHtml;

const STYLE = `
  @page { size: A4; margin: 16mm 15mm 18mm; }
  * { box-sizing: border-box; }
  body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; font-size: 11pt; line-height: 1.35; margin: 0 auto; max-width: 1040px; padding: 24px; }
  h1 { font-size: 22pt; margin: 0 0 12pt; }
  h2 { font-size: 16pt; margin: 18pt 0 8pt; }
  h3 { font-size: 13pt; margin: 14pt 0 6pt; }
  p { margin: 0 0 8pt; }
  table { border-collapse: collapse; width: 100%; margin: 0 0 12pt; font-size: 9pt; table-layout: auto; }
  th, td { border: 1px solid #8c9196; padding: 4pt 5pt; text-align: left; vertical-align: top; }
  th { background: #dee0e2; }
  td p { margin: 0 0 4pt; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .num { text-align: right; }
  .rag { font-weight: bold; }
  .rag > p { font-weight: normal; }
  ${(Object.keys(RAG_COLOURS) as Rag[]).map((rag) => `.rag-${rag} { background: #${RAG_COLOURS[rag].fill}; color: #${RAG_COLOURS[rag].text}; }`).join('\n  ')}
  .owner, .note { color: #505a5f; font-size: 8pt; font-style: italic; }
  .flag { color: #942514; font-weight: bold; font-size: 8pt; }
  .cover { min-height: 240mm; padding-top: 40mm; }
  .cover .council { font-size: 18pt; font-weight: bold; }
  .cover .plan { font-size: 14pt; }
  .cover h1 { font-size: 28pt; margin-top: 24pt; }
  .cover .period { font-size: 14pt; font-weight: bold; }
  .moment { margin-top: 30pt; width: 100%; font-size: 10pt; }
  .moment th { width: 32%; }
  .contents { margin: 24pt 0 4pt; list-style: none; padding: 0; }
  ul.contents { margin-top: 0; }
  ul.contents li { margin: 0 0 3pt; }
  a { color: #1d70b8; }
  @media print { a { color: inherit; text-decoration: none; } }
  figure { margin: 0 0 10pt; }
  .chart svg { display: block; width: 100%; max-width: 150mm; height: auto; margin: 0 auto; }
  tbody th { white-space: nowrap; }
  .caption { color: #505a5f; font-style: italic; font-size: 9pt; }
  footer { color: #505a5f; font-size: 8pt; border-top: 1px solid #b1b4b6; margin-top: 18pt; padding-top: 6pt; }
  section.page { break-before: page; }
  @media print { body { max-width: none; padding: 0; font-size: 10pt; } .cover { break-after: page; } .chart svg { max-width: 130mm; } }
`;

/**
 * The report's own Content-Security-Policy: nothing runs, nothing is fetched; only its own stylesheet
 * (by hash) applies. A commentary that held markup could do nothing, even were it not escaped.
 */
export const REPORT_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ragCell = (rag: Rag, extra = '') => `<td class="rag rag-${rag}">${h(ragText(rag))}${extra}</td>`;

function milestoneRow(report: QuarterlyReport, m: ReportMilestone): string {
  const flag = changedAfterText(m);
  const commentary = paragraphsOf(m.commentary).map((p) => `<p>${h(p)}</p>`).join('') || '<p class="note">No commentary for this period.</p>';
  return `<tr>
      <th scope="row">${h(m.milestoneId)}</th>
      <td>${h(m.title)}${m.owner ? `<p class="owner">Owner: ${h(m.owner)}</p>` : ''}</td>
      ${ragCell(m.rag, `${m.note ? `<p class="note">${h(m.note)}</p>` : ''}${flag ? `<p class="flag">⚠ ${h(flag)}</p>` : ''}`)}
      <td>${commentary}</td>
      <td>${h(changeText(m, report.previousPeriod))}</td>
    </tr>`;
}

/** A table; `widths` in percent, so long commentary does not squeeze the other columns. */
const tableOf = (headers: string[], rows: string[], widths?: number[]) =>
  `<table>${widths ? `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` : ''}<thead><tr>${headers
    .map((x) => `<th scope="col">${h(x)}</th>`)
    .join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;

const CONTENTS: ReadonlyArray<[string, keyof typeof SECTIONS]> = [
  ['summary', 'summary'],
  ['milestones', 'milestones'],
  ['declined', 'declined'],
  ['changed-after', 'changedAfter'],
  ['recommendations', 'recommendations'],
  ['visits', 'visits'],
  ['indicators', 'indicators'],
  ['symbols', 'symbols'],
];

function cover(report: QuarterlyReport): string {
  return `<div class="cover">
    <p class="council">${h(report.plan.localAuthority)}</p>
    <p class="plan">${h(report.plan.title)}</p>
    <h1>Quarterly monitoring report</h1>
    <p class="period">${h(report.period.text)}: ${h(periodRange(report))}</p>
    <table class="moment"><tbody>
      ${coverFacts(report)
        .map(([label, text]) => `<tr><th scope="row">${h(label)}</th><td>${h(text)}</td></tr>`)
        .join('\n      ')}
    </tbody></table>
    <nav aria-label="Contents"><p class="contents"><strong>Contents</strong></p><ul class="contents">
      ${CONTENTS.map(([id, key]) => `<li><a href="#${id}">${h(SECTIONS[key])}</a></li>`).join('\n      ')}
    </ul></nav>
  </div>`;
}

function summary(report: QuarterlyReport): string {
  const t = report.totals;
  const all = TOTAL_KEYS.reduce((n, [key]) => n + t[key], 0);
  const rows = report.priorities.map(
    (p) =>
      `<tr><th scope="row">${h(p.priorityId)}</th><td>${h(p.title)}</td>${TOTAL_KEYS.map(([key]) => `<td class="num">${p.totals[key]}</td>`).join('')}<td class="num">${p.milestones.length}</td></tr>`,
  );
  rows.push(`<tr><th scope="row">All</th><th>All priorities</th>${TOTAL_KEYS.map(([key]) => `<th class="num">${t[key]}</th>`).join('')}<th class="num">${all}</th></tr>`);
  return `<section class="page" id="summary">
    <h2>${h(SECTIONS.summary)}</h2>
    <p>${h(TEXTS.summary(report))}</p>
    <figure class="chart">${trendChartSvg(report.trend, 'Arial, Helvetica, sans-serif')}
      <figcaption class="caption">${h(TEXTS.chartCaption(report))}</figcaption></figure>
    ${tableOf(['Priority', 'Title', ...TOTAL_KEYS.map(([, rag]) => ragText(rag)), 'Total'], rows)}
  </section>`;
}

function priorities(report: QuarterlyReport): string {
  const headers = ['Ref', 'Milestone', TEXTS.progressHeader(report), 'Supporting commentary', TEXTS.changeHeader(report)];
  return report.priorities
    .map(
      (p, i) => `<section class="page" id="${h(p.priorityId.replace(/\s+/g, '-'))}">
    ${i === 0 ? `<h2 id="milestones">${h(SECTIONS.milestones)}</h2><p>${h(TEXTS.milestones(report))}</p>` : ''}
    <h3>${h(p.priorityId)}: ${h(p.title)}</h3>
    ${tableOf(headers, p.milestones.map((m) => milestoneRow(report, m)), [7, 22, 12, 45, 14])}
  </section>`,
    )
    .join('\n');
}

function shortList(report: QuarterlyReport, id: string, title: string, empty: string, list: ReportMilestone[], what: (m: ReportMilestone) => string): string {
  const body =
    list.length === 0
      ? `<p>${h(empty)}</p>`
      : tableOf(
          ['Ref', 'Milestone', TEXTS.progressHeader(report), 'What changed'],
          list.map((m) => `<tr><th scope="row">${h(m.milestoneId)}</th><td>${h(m.title)}</td>${ragCell(m.rag)}<td>${h(what(m))}</td></tr>`),
        );
  return `<section class="page" id="${id}"><h2>${h(title)}</h2>${body}</section>`;
}

function recommendations(report: QuarterlyReport): string {
  const rows = report.recommendations.map((r) => {
    const lines = sinceLines(r).map((l) => `<li>${h(l)}</li>`).join('');
    const linked = r.linkedMilestoneIds.length ? `<p class="owner">Milestones: ${h(r.linkedMilestoneIds.join(', '))}</p>` : '';
    return `<tr><th scope="row">${h(r.recommendationId)}</th><td>${h(r.text)}${linked}</td><td>${h(TEXTS.status(r))}</td><td><p><strong>${h(sinceHeading(r))}</strong></p><ul>${lines}</ul></td></tr>`;
  });
  return `<section class="page" id="recommendations"><h2>${h(SECTIONS.recommendations)}</h2>
    <p>${h(TEXTS.recommendations)}</p>
    ${tableOf(['Ref', 'Recommendation', 'Status', 'Since the last visit'], rows, [7, 43, 14, 36])}</section>`;
}

function visitBlock(v: ReportVisit): string {
  const parts = [`<h3>${h(visitKind(v.kind))}: ${h(visitDates(v))}</h3>`];
  if (v.inspectors.length) parts.push(`<p>Inspectors: ${h(v.inspectors.join(', '))}</p>`);
  if (v.areas.length) parts.push(`<p>Areas reviewed: ${h(v.areas.join('; '))}</p>`);
  if (v.judgements.length) parts.push(tableOf(['Judgement area', 'Grade'], v.judgements.map((j) => `<tr><td>${h(areaLabel(j.area))}</td><td>${h(words(j.grade))}</td></tr>`)));
  if (v.findings.length) {
    parts.push(
      tableOf(
        ['Finding', 'Assessment', 'Recommendations'],
        v.findings.map((f) => `<tr><td>${h(f.text)}</td><td>${h(words(f.assessment))}</td><td>${h(f.recommendationIds.join(', '))}</td></tr>`),
      ),
    );
  }
  return parts.join('\n');
}

function visits(report: QuarterlyReport): string {
  return `<section class="page" id="visits"><h2>${h(SECTIONS.visits)}</h2><p>${h(TEXTS.visits(report))}</p>${report.visits.items.map(visitBlock).join('\n')}</section>`;
}

function indicators(report: QuarterlyReport): string {
  const value = (v: { value: number; period: string } | null, unit: string) => (v ? `${valueWithUnit(v.value, unit)} (${v.period})` : '–');
  return `<section class="page" id="indicators"><h2>${h(SECTIONS.indicators)}</h2>
    <p>${h(TEXTS.indicators(report))}</p>
    ${tableOf(
      ['Indicator', 'Latest', 'Before'],
      report.indicators.map((i) => `<tr><td>${h(i.title)}</td><td>${h(value(i.latest, i.unit))}</td><td>${h(value(i.before, i.unit))}</td></tr>`),
    )}</section>`;
}

function appendix(): string {
  return `<section class="page" id="symbols"><h2>${h(SECTIONS.symbols)}</h2>
    ${tableOf(
      ['Progress', 'Symbol', 'Meaning'],
      TOTAL_KEYS.map(
        ([, rag]) =>
          `<tr><td class="rag rag-${rag}">${h(RAG_WORD[rag])}</td><td class="rag rag-${rag}">${h(RAG_DISPLAY[rag].symbol)}</td><td>${h(SYMBOL_MEANINGS[rag])}</td></tr>`,
      ),
    )}</section>`;
}

/** The report as one self-contained HTML page that prints on A4, each priority starting a new page. */
export function reportHtml(report: QuarterlyReport): Buffer {
  const title = `${report.plan.localAuthority}: ${reportTitle(report)}`;
  const html = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${cover(report)}
${summary(report)}
${priorities(report)}
${shortList(report, 'declined', SECTIONS.declined, TEXTS.noDecline(report), report.declined, (m) => changeText(m, report.previousPeriod))}
${shortList(report, 'changed-after', SECTIONS.changedAfter, TEXTS.noChangeAfter, report.changedAfterPacks, (m) => changedAfterText(m) ?? '')}
${recommendations(report)}
${visits(report)}
${indicators(report)}
${appendix()}
</main>
<footer>${h(momentText(report))}</footer>
</body>
</html>
`;
  return Buffer.from(html, 'utf8');
}
