import { ALL_PLANS, Principal, Role } from '../../access/access-policy';
import { FieldError } from '../../web/problem.filter';
import { formatDate, formatInstant } from './uk-time';
import { Flash, PageContext } from './page-context';
import { TimeTravel, withMoment } from './time-travel';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  'board-member': 'Board member',
  auditor: 'Auditor',
  'dfe-adviser': 'DfE adviser',
};

/** What each role may do, said the way the 403 page and the sign-in confirmation say it. */
export const ROLE_ALLOWS: Record<Role, string[]> = {
  admin: [
    'see every plan, at any date and as known at any time',
    'record quarterly updates, corrections, closures and reopenings',
    'read the audit trail',
    'issue and revoke access tokens',
  ],
  'board-member': [
    'see the plans of your board, at any date and as known at any time',
    'record quarterly updates and corrections, and close or reopen recommendations',
    'read the audit trail',
  ],
  auditor: ['see the plans you audit, at any date and as known at any time', 'read the audit trail', 'not change anything'],
  'dfe-adviser': [
    'see the plans you oversee: their boards, recommendations, visits and indicators, at any date',
    'not read the audit trail or change anything',
  ],
};

export type Section =
  'portfolio' | 'board' | 'quarterly-update' | 'recommendations' | 'visits' | 'indicators' | 'reports' | 'audit' | 'tokens';

export interface Breadcrumb {
  text: string;
  href?: string;
}

/** What a page gives the layout besides its own content. */
export interface PageModel {
  pageTitle: string;
  section?: Section;
  /** The plan the page is about: its sections join the navigation. */
  plan?: { planId: string; localAuthority: string };
  breadcrumbs?: Breadcrumb[];
  /** Field errors: the page title says "Error:" and the page shows an error summary. */
  errors?: FieldError[];
  [name: string]: unknown;
}

interface NavItem {
  text: string;
  href: string;
  current: boolean;
}

export interface Frame {
  cspNonce: string;
  csrfToken: string;
  user?: { name: string; role: string; plans: string };
  nav: NavItem[];
  timeTravel: {
    shown: boolean;
    asOf: string;
    knownAt: string;
    description: string;
    action: string;
    todayHref: string;
    keep: Array<{ name: string; value: string }>;
    errors: Record<string, string>;
  };
  flash?: Flash;
}

const planScopeText = (principal: Principal): string =>
  principal.plans === ALL_PLANS ? 'every plan' : principal.plans.length === 0 ? 'no plans' : principal.plans.join(', ');

/** Which moment the page shows, in words: the banner's text. */
export function describeMoment(given: TimeTravel['given'], knownAtInstant?: string): string {
  const asOf = given.asOf ? `as it stood on ${formatDate(given.asOf)}` : 'as it stands today';
  const known = knownAtInstant
    ? `, from what had been recorded by ${formatInstant(knownAtInstant)} (UK time)`
    : ', from everything recorded since';
  return `You are looking at the plan ${asOf}${known}.`;
}

function navigation(ctx: PageContext, model: PageModel): NavItem[] {
  const item = (text: string, path: string, section: Section): NavItem => ({
    text,
    href: ctx.link(path),
    current: model.section === section,
  });
  const items: NavItem[] = [item(model.plan ? 'All plans' : 'Plans', '/', 'portfolio')];
  const plan = model.plan?.planId;
  if (plan !== undefined) {
    const base = `/plans/${encodeURIComponent(plan)}`;
    items.push(item('Board', base, 'board'));
    if (ctx.may('write', plan)) items.push(item('Quarterly update', `${base}/quarterly-update`, 'quarterly-update'));
    items.push(item('Recommendations', `${base}/recommendations`, 'recommendations'));
    items.push(item('Visits', `${base}/visits`, 'visits'));
    items.push(item('Indicators', `${base}/indicators`, 'indicators'));
    items.push(item('Reports', `${base}/reports`, 'reports'));
    if (ctx.may('audit', plan)) items.push(item('Audit trail', `${base}/audit`, 'audit'));
  }
  if (ctx.may('admin')) items.push({ text: 'Tokens', href: '/tokens', current: model.section === 'tokens' });
  return ctx.principal ? items : [];
}

/** The shared frame of every page: who is signed in, the navigation, the moment shown and its controls. */
export function frameOf(ctx: PageContext, model: PageModel, timeTravelErrors: FieldError[] = []): Frame {
  const { given, knownAtInstant } = ctx.timeTravel;
  const principal = ctx.principal;
  const query = (ctx.request.query ?? {}) as Record<string, unknown>;
  const keep = Object.entries(query)
    .filter(([name, value]) => !['asOf', 'knownAt', 'page', 'after'].includes(name) && typeof value === 'string' && value !== '')
    .map(([name, value]) => ({ name, value: value as string }));
  const flash = ctx.takeFlash();
  return {
    cspNonce: ctx.cspNonce,
    csrfToken: principal ? ctx.csrfToken() : '',
    ...(principal?.role
      ? { user: { name: principal.actor.name, role: ROLE_LABELS[principal.role], plans: planScopeText(principal) } }
      : {}),
    nav: navigation(ctx, model),
    timeTravel: {
      shown: ctx.inThePast,
      asOf: given.asOf ?? '',
      knownAt: given.knownAt ?? '',
      description: describeMoment(given, knownAtInstant),
      action: ctx.path,
      todayHref: withMoment(ctx.path, {}, Object.fromEntries(keep.map(({ name, value }) => [name, value]))),
      keep,
      errors: Object.fromEntries(timeTravelErrors.map((e) => [e.field, e.message])),
    },
    ...(flash ? { flash } : {}),
  };
}

/** The address of a plan's page: `/plans/halton`, `/plans/halton/visits`. */
export const planPath = (planId: string, ...rest: string[]): string =>
  ['/plans', encodeURIComponent(planId), ...rest.map(encodeURIComponent)].join('/');

/** What every page of a plan gives the frame: its title, section, plan and breadcrumbs (Plans › the plan › …). */
export function planPage(
  ctx: PageContext,
  plan: { plan_id: string; local_authority: string },
  section: Section,
  pageTitle: string,
  trail: Breadcrumb[],
) {
  return {
    pageTitle: `${plan.local_authority}: ${pageTitle}`,
    section,
    plan: { planId: plan.plan_id, localAuthority: plan.local_authority },
    localAuthority: plan.local_authority,
    breadcrumbs: [
      { text: 'Plans', href: ctx.link('/') },
      { text: plan.local_authority, href: ctx.link(planPath(plan.plan_id)) },
      ...trail,
    ],
  };
}

/** Renders a page inside the frame. */
export async function render(ctx: PageContext, template: string, model: PageModel, status = 200): Promise<void> {
  const html = await ctx.reply.viewAsync(template, { ...model, frame: frameOf(ctx, model) });
  await ctx.reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}
