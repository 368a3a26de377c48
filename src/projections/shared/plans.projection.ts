import { projection } from '../engine/projection';
import { PLANS_MIGRATIONS } from './plans.migrations';

/**
 * The plans themselves: every read of a plan starts by looking it up here. Named "portfolio", as when it
 * lived with the portfolio: the name keys its checkpoint and schema version in existing stores.
 */
export const plansProjection = projection({
  name: 'portfolio',
  migrations: PLANS_MIGRATIONS,
  tables: { plans: ['plan_id', 'local_authority', 'title', 'position', 'recorded_at'] },
  handles: ['PlanCreated'],
  project({ event, planId, position }) {
    const { localAuthority, title } = event.data;
    return [{ table: 'plans', values: { plan_id: planId, local_authority: localAuthority, title, position } }];
  },
});
