/** Who acts: the authenticated caller, recorded with every fact they make. */
export interface Actor {
  id: string;
  name: string;
  role: string;
  /** The organisation the person acts for (a council, a partner, the DfE), when known: what advisers see of them. */
  organisation?: string;
}

/** Every request acts as this principal until authentication has named someone. */
export const ANONYMOUS: Actor = { id: 'anonymous', name: 'Anonymous', role: 'anonymous' };
