import { isRole } from '../../access/access-policy';
import { SEES_ROLE_AND_ORGANISATION_ONLY } from '../../access/actor-view';
import { ActorView } from '../../projections/shared/actor';
import { ROLE_LABELS } from './frame';
import { PageContext } from './page-context';

/** "board member", "DfE adviser": a role as a sentence says it. */
export const roleWords = (role: string): string => (isRole(role) ? ROLE_LABELS[role] : role).toLowerCase().replace(/^dfe/, 'DfE');

/** "an administrator", "a board member". */
export const withArticle = (words: string): string => `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;

/**
 * Who recorded something, as the page may say it: the API's rule (a DfE adviser oversees organisations,
 * not people, and sees the role and the organisation only), so a page never tells more than its JSON.
 */
export function recordedBy(ctx: PageContext, actor: ActorView): string {
  const role = actor.role ? roleWords(actor.role) : null;
  const viewer = ctx.principal?.role;
  if (!viewer || SEES_ROLE_AND_ORGANISATION_ONLY.has(viewer)) {
    const who = role ? withArticle(role) : 'someone';
    return actor.organisation ? `${who} of ${actor.organisation}` : who;
  }
  const name = actor.name ?? actor.id ?? 'someone';
  const detail = [role, actor.organisation].filter((x): x is string => Boolean(x)).join(', ');
  return detail ? `${name} (${detail})` : name;
}
