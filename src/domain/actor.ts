/** Who acts: the authenticated caller, recorded with every fact they make. */
export interface Actor {
  id: string;
  name: string;
  role: string;
}

/** Every request acts as this principal until authentication has named someone. */
export const ANONYMOUS: Actor = { id: 'anonymous', name: 'Anonymous', role: 'anonymous' };
