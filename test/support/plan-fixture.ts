import { TestApp } from './test-app';

/** A small plan through the API: one priority, one milestone, one recommendation, one ILACS visit. */
export async function recordSmallPlan(t: TestApp, planId = 'halton'): Promise<void> {
  const steps: Array<[string, unknown]> = [
    ['/api/plans', { planId, localAuthority: 'Halton Borough Council', title: "Children's services improvement plan" }],
    [`/api/plans/${planId}/priorities`, { priorityId: 'CYP P2', title: 'Placement sufficiency and stability' }],
    [
      `/api/plans/${planId}/milestones`,
      { milestoneId: 'P2.1', priorityId: 'CYP P2', title: 'Reduce the number of Children in Care who moved between placements', owner: 'Children in Care' },
    ],
    [`/api/plans/${planId}/recommendations`, { recommendationId: 'R07', text: 'The sufficiency of suitable placements.', raisedOn: '2024-05-24', source: 'ilacs-2024-05' }],
    [
      `/api/plans/${planId}/visits`,
      { visitId: 'ilacs-2024-05', kind: 'ilacs', startDate: '2024-05-13', endDate: '2024-05-24', inspectors: ['Lead inspector'], areas: [] },
    ],
  ];
  for (const [path, body] of steps) {
    const res = await t.request('POST', path, body);
    if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
}
