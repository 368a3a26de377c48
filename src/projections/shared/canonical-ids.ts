import { Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { ReadModels } from '../engine/read-models';

type Kind = 'plan' | 'milestone' | 'priority' | 'recommendation' | 'visit' | 'indicator';

/** Where each kind of thing is kept, and its id column; all but plans are kept per plan. */
const TABLES: Record<Kind, { table: string; column: string }> = {
  plan: { table: 'plans', column: 'plan_id' },
  milestone: { table: 'board_milestones', column: 'milestone_id' },
  priority: { table: 'board_priorities', column: 'priority_id' },
  recommendation: { table: 'recommendations', column: 'recommendation_id' },
  visit: { table: 'visits', column: 'visit_id' },
  indicator: { table: 'indicators', column: 'indicator_id' },
};

/** The fields of a path or a body that name a thing of the plan, by the kind of thing they name. */
const FIELDS: Record<string, Exclude<Kind, 'plan'>> = {
  milestoneId: 'milestone',
  priorityId: 'priority',
  recommendationId: 'recommendation',
  recommendationIds: 'recommendation',
  visitId: 'visit',
  indicatorId: 'indicator',
};
const FIELD_KINDS = Object.entries(FIELDS);
/** Lists of rows whose own fields name things (a quarterly update's rows). */
const ROWS = ['updates'];

type Lookup = (planId: string, id: string) => string | undefined;

/** Ids once found stay found (nothing is ever deleted): every request names some, most of them again and again. */
const MAX_REMEMBERED = 100_000;

/**
 * Ids are not case-sensitive: `p1.2` names the milestone recorded as `P1.2`, so a person who types it in
 * lower case finds it, and cannot add a second `p1.2` beside it (that is the same milestone, already there).
 * An id is written as it was first recorded; one that names nothing known is left as given, and the
 * answer (404, or a new thing created) then names it as typed.
 */
@Injectable()
export class CanonicalIds {
  private readonly lookups: Record<Kind, Lookup>;

  constructor(readModels: ReadModels) {
    const db = readModels.db;
    this.lookups = Object.fromEntries(
      (Object.keys(TABLES) as Kind[]).map((kind) => [kind, lookup(db, TABLES[kind].table, TABLES[kind].column, kind !== 'plan')]),
    ) as Record<Kind, Lookup>;
  }

  /** Rewrites, in place, every id of the path, the body and the query to the id as first recorded. */
  canonicalise(params: Record<string, unknown> | undefined, body: unknown, query?: unknown): void {
    const given = typeof params?.planId === 'string' ? params.planId : isObject(body) && typeof body.planId === 'string' ? body.planId : undefined;
    if (given === undefined) return;
    const planId = this.lookups.plan('', given) ?? given;
    if (params && typeof params.planId === 'string') params.planId = planId;
    else if (isObject(body)) body.planId = planId;
    if (params) this.inFields(planId, params);
    if (isObject(query)) this.inFields(planId, query);
    if (!isObject(body)) return;
    this.inFields(planId, body);
    for (const list of ROWS) {
      const rows = body[list];
      if (Array.isArray(rows)) for (const row of rows) if (isObject(row)) this.inFields(planId, row);
    }
  }

  private inFields(planId: string, holder: Record<string, unknown>): void {
    for (const [field, kind] of FIELD_KINDS) {
      const value = holder[field];
      if (typeof value === 'string') holder[field] = this.find(kind, planId, value);
      else if (Array.isArray(value)) holder[field] = value.map((id: unknown) => this.find(kind, planId, id));
    }
  }

  private find(kind: Exclude<Kind, 'plan'>, planId: string, id: unknown): unknown {
    return typeof id === 'string' && id.length <= 200 ? (this.lookups[kind](planId, id) ?? id) : id;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The id as recorded: the same one when it was recorded so, else one that differs only in case (ASCII). */
function lookup(db: Database.Database, table: string, column: string, perPlan: boolean): Lookup {
  const where = perPlan ? 'plan_id = @planId AND ' : '';
  const exact = db.prepare<[{ planId: string; id: string }], { id: string }>(`SELECT ${column} AS id FROM ${table} WHERE ${where}${column} = @id`);
  const anyCase = db.prepare<[{ planId: string; id: string }], { id: string }>(
    `SELECT ${column} AS id FROM ${table} WHERE ${where}${column} = @id COLLATE NOCASE ORDER BY position LIMIT 1`,
  );
  const found = new Map<string, string>();
  return (planId, id) => {
    const key = `${planId}\u0000${id}`;
    const known = found.get(key);
    if (known !== undefined) return known;
    const params = perPlan ? { planId, id } : ({ id } as { planId: string; id: string });
    const canonical = exact.get(params)?.id ?? anyCase.get(params)?.id;
    if (canonical !== undefined) {
      if (found.size >= MAX_REMEMBERED) found.clear();
      found.set(key, canonical);
    }
    return canonical;
  };
}
