import { isRole } from '../../access/access-policy';
import { FactActor } from '../../projections/engine/fact';
import { ROLE_LABELS } from './frame';
import { PageContext } from './page-context';

/** "board member", "DfE adviser": a role as a sentence says it. */
export const roleWords = (role: string): string => (isRole(role) ? ROLE_LABELS[role] : role).toLowerCase().replace(/^dfe/, 'DfE');

/** "an administrator", "a board member". */
export const withArticle = (words: string): string => `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;

/**
 * Who recorded something, as the page may say it. Everyone who may read the audit trail sees the
 * person's name; a DfE adviser sees their role only (advisers oversee organisations, not people).
 */
export function recordedBy(ctx: PageContext, actor: FactActor, planId: string): string {
  const role = actor.role ? roleWords(actor.role) : null;
  if (!ctx.may('audit', planId)) return role ? withArticle(role) : 'someone';
  return role ? `${actor.name ?? actor.id} (${role})` : (actor.name ?? actor.id);
}
