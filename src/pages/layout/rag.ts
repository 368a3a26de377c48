import { RAG_DISPLAY, Rag, RAGS } from '../../milestone/rag';

/**
 * A rating as the pages show it: a GOV.UK tag with the progress symbol, a colour and a word, so no one
 * needs to tell colours apart to read it.
 */
export interface RagTag {
  label: string;
  symbol: string;
  classes: string;
  /** The longer meaning, for a hint or a key. */
  meaning: string;
}

const TAG_CLASSES: Record<Rag, string> = {
  green: 'govuk-tag--green',
  amber: 'govuk-tag--orange',
  red: 'govuk-tag--red',
  complete: 'govuk-tag--blue',
  'not-rated': 'govuk-tag--grey',
};

const LABELS: Record<Rag, string> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  complete: 'Complete',
  'not-rated': 'Not rated',
};

export const RAG_TAGS: Record<Rag, RagTag> = Object.fromEntries(
  RAGS.map((rag) => [
    rag,
    { label: LABELS[rag], symbol: RAG_DISPLAY[rag].symbol, classes: TAG_CLASSES[rag], meaning: RAG_DISPLAY[rag].label },
  ]),
) as Record<Rag, RagTag>;

export const ragLabel = (rag: string): string => (RAG_TAGS as Record<string, RagTag | undefined>)[rag]?.label ?? rag;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A rating as a GOV.UK tag: symbol (hidden from screen readers, which read the word), colour and word.
 * A function rather than a template macro: the board draws one for every milestone.
 */
export function ragTagHtml(rag: string, classes = ''): string {
  const tag = (RAG_TAGS as Record<string, RagTag | undefined>)[rag] ?? RAG_TAGS['not-rated'];
  return (
    `<strong class="govuk-tag ${tag.classes} app-rag${classes ? ` ${escapeHtml(classes)}` : ''}">` +
    `<span class="app-rag__symbol" aria-hidden="true">${tag.symbol}</span> ${escapeHtml(tag.label)}</strong>`
  );
}
