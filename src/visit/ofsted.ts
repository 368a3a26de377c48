/**
 * Ofsted's vocabulary, shared by the visit decider, the API DTOs and the docs. ILACS judgement areas
 * changed with the framework version, so every judgement records the version it was given under.
 */
export const VISIT_KINDS = ['ilacs', 'monitoring', 'focused', 'other'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const ASSESSMENTS = ['progress', 'insufficient-progress', 'strength', 'area-for-improvement'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

export const GRADES = ['outstanding', 'good', 'requires-improvement', 'inadequate'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  'requires-improvement': 'Requires improvement to be good',
  inadequate: 'Inadequate',
};

/** When only the month of a visit is known (older letters), the dates are approximate. */
export const DATE_PRECISIONS = ['day', 'month'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const FRAMEWORKS = ['ilacs-2018', 'ilacs-2023', 'ilacs-2026'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const JUDGEMENT_AREAS = [
  'overall-effectiveness',
  'impact-of-leaders',
  'help-and-protection',
  'children-in-care-and-care-leavers',
  'children-in-care',
  'care-leavers',
] as const;
export type JudgementArea = (typeof JUDGEMENT_AREAS)[number];

export const JUDGEMENT_AREA_LABELS: Record<JudgementArea, string> = {
  'overall-effectiveness': 'Overall effectiveness',
  'impact-of-leaders': 'The impact of leaders on social work practice with children and families',
  'help-and-protection': 'The experiences and progress of children who need help and protection',
  'children-in-care-and-care-leavers': 'The experiences and progress of children in care and care leavers',
  'children-in-care': 'The experiences and progress of children in care',
  'care-leavers': 'The experiences and progress of care leavers',
};

export const FRAMEWORK_AREAS: Record<Framework, readonly JudgementArea[]> = {
  'ilacs-2018': ['overall-effectiveness', 'impact-of-leaders', 'help-and-protection', 'children-in-care-and-care-leavers'],
  'ilacs-2023': ['overall-effectiveness', 'impact-of-leaders', 'help-and-protection', 'children-in-care', 'care-leavers'],
  'ilacs-2026': ['impact-of-leaders', 'help-and-protection', 'children-in-care', 'care-leavers'],
};

/** Inspections starting in these date ranges (inclusive) are judged under that framework. */
export const FRAMEWORK_IN_FORCE: Record<Framework, { from: string; to?: string }> = {
  'ilacs-2018': { from: '2018-01-01', to: '2022-12-31' },
  'ilacs-2023': { from: '2023-01-01', to: '2026-03-31' },
  'ilacs-2026': { from: '2026-04-01' },
};

export const frameworkInForceOn = (date: string): Framework | undefined =>
  FRAMEWORKS.find((f) => FRAMEWORK_IN_FORCE[f].from <= date && (FRAMEWORK_IN_FORCE[f].to ?? '9999-12-31') >= date);
