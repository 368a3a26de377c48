import { isRole } from '../../access/access-policy';
import { FactActor } from '../../projections/fact';
import { ROLE_LABELS } from './frame';
import { PageContext } from './page-context';

/**
 * Who recorded something, as the page may say it. Everyone who may read the audit trail sees the
 * person's name; a DfE adviser sees their role only (advisers oversee organisations, not people).
 */
export function recordedBy(ctx: PageContext, actor: FactActor, planId: string): string {
  const role = actor.role && isRole(actor.role) ? ROLE_LABELS[actor.role].toLowerCase() : actor.role;
  if (!ctx.may('audit', planId)) return role ? `a ${role.replace('dfe', 'DfE')}` : 'someone';
  return role ? `${actor.name ?? actor.id} (${role.replace('dfe', 'DfE')})` : (actor.name ?? actor.id);
}
