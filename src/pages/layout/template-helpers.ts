import { runtime, type Environment } from 'nunjucks';
import { FieldError } from '../../web/problem.filter';
import { componentCache } from './component-cache';
import { RAG_TAGS, ragTagHtml } from './rag';
import { formatDate, formatInstant } from './uk-time';

export const VISIT_KINDS: Record<string, string> = {
  ilacs: 'ILACS inspection',
  monitoring: 'Monitoring visit',
  focused: 'Focused visit',
  other: 'Visit',
};

/** The id of the input a field's error points at: `updates.2.rag` → `updates-2-rag`. */
export const fieldId = (field: string): string => field.replace(/[^A-Za-z0-9_-]+/g, '-');

/** Filters and globals every template may use: dates and instants the GOV.UK way in UK time, ratings as tags, GOV.UK components kept by their arguments. */
export function configureTemplates(env: Environment): void {
  env.addFilter('date', (value: unknown) => (typeof value === 'string' && value !== '' ? formatDate(value) : ''));
  env.addFilter('instant', (value: unknown) => (typeof value === 'string' && value !== '' ? formatInstant(value) : ''));
  env.addFilter('errorLinks', (errors: FieldError[] | undefined) =>
    (errors ?? []).map((e) => ({ text: e.message, href: `#${fieldId(e.field)}` })),
  );
  env.addFilter('visitKind', (kind: unknown) => VISIT_KINDS[String(kind)] ?? 'Visit');
  env.addGlobal('rags', RAG_TAGS);
  env.addGlobal('govuk', componentCache(env));
  env.addGlobal('ragTag', (rag: string, classes?: string) => new runtime.SafeString(ragTagHtml(rag, classes)));
}
