/**
 * What an indicator's unit says about its values. A percentage (`%`, `percent`, `% of children in care`) is
 * a share, from 0 to 100; a count (`count`, `number of referrals`, `children`, `families`, ...) is a whole
 * number from 0. Any other unit (`GBP`, `rate`, `% a year`, `days`) takes any finite number: money and
 * changes can be negative.
 */
export type UnitKind = 'percentage' | 'count' | 'measure';

const PERCENTAGE = /^(%|per ?cent|percentage)( of .+)?$/i;
const NUMBER_OF = /^(count|number|no\.)( of .+)?$/i;
const COUNTED = new Set(
  [
    'children',
    'young people',
    'care leavers',
    'people',
    'families',
    'households',
    'cases',
    'referrals',
    'assessments',
    'plans',
    'placements',
    'visits',
    'audits',
    'complaints',
    'staff',
    'workers',
    'social workers',
    'carers',
    'foster carers',
    'posts',
    'vacancies',
  ].map((noun) => noun.toLowerCase()),
);

export function unitKind(unit: string): UnitKind {
  const text = unit.trim().replace(/\s+/g, ' ');
  if (PERCENTAGE.test(text)) return 'percentage';
  if (NUMBER_OF.test(text) || COUNTED.has(text.toLowerCase())) return 'count';
  return 'measure';
}

/** Why `value` cannot be a value of a unit of this kind, or undefined when it can. */
export function outOfRange(kind: UnitKind, value: number): string | undefined {
  switch (kind) {
    case 'percentage':
      return value < 0 || value > 100 ? 'is a percentage, so %v is not possible: give a value from 0 to 100' : undefined;
    case 'count':
      return Number.isSafeInteger(value) && value >= 0 ? undefined : 'is a count, so %v is not possible: give a whole number from 0';
    case 'measure':
      return undefined;
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}
