import { Rag, RAG_DISPLAY, RAGS } from '../../milestone/rag';
import { RAG_WORD } from '../render/wording';

/**
 * The columns of a quarterly return, in the template's order. The first five are what the plan already
 * holds (shaded, locked); owners fill in the last three. An upload is read by these headers, so the
 * read-only ones may be left out of a CSV.
 */
export const RETURN_COLUMNS = [
  { key: 'milestoneId', header: 'Milestone', width: 11, input: false, required: true },
  { key: 'title', header: 'Title', width: 46, input: false, required: false },
  { key: 'owner', header: 'Owner', width: 22, input: false, required: false },
  { key: 'lastRating', header: 'Last period’s rating', width: 16, input: false, required: false },
  { key: 'lastCommentary', header: 'Last period’s commentary', width: 60, input: false, required: false },
  { key: 'rating', header: 'Rating', width: 16, input: true, required: true },
  { key: 'commentary', header: 'Commentary', width: 70, input: true, required: true },
  { key: 'reason', header: 'Reason for a correction', width: 32, input: true, required: false },
] as const;

export type ReturnColumnKey = (typeof RETURN_COLUMNS)[number]['key'];
export const columnOf = (key: ReturnColumnKey) => RETURN_COLUMNS.find((c) => c.key === key)!;

/** What the template's drop-down offers: the report's symbol and word. */
export const RATING_CHOICES: readonly string[] = RAGS.map((rag) => `${RAG_DISPLAY[rag].symbol} ${RAG_WORD[rag]}`);

const SYMBOLS: Record<string, Rag> = { '✓': 'green', '✔': 'green', '√': 'green', u: 'amber', '×': 'red', '✗': 'red', '✘': 'red', '★': 'complete', '–': 'not-rated' };
const WORDS: Record<string, Rag> = { green: 'green', amber: 'amber', red: 'red', complete: 'complete', 'not rated': 'not-rated', 'not-rated': 'not-rated' };

/**
 * A rating as people type it: a word (any case), the report's symbol (✓, U, ×), or both as the
 * drop-down writes them ("✓ Green"). Undefined when it is none of these.
 */
export function readRating(text: string): Rag | undefined {
  const value = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (value in WORDS) return WORDS[value];
  if (value in SYMBOLS) return SYMBOLS[value];
  const [symbol, ...rest] = value.split(' ');
  const word = WORDS[rest.join(' ')];
  return word !== undefined && SYMBOLS[symbol!] === word ? word : undefined;
}

export const RATING_HELP = 'Green, Amber, Red, Complete or Not rated (or the symbols ✓, U, ×)';
