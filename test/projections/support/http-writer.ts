import { TestApp } from '../../support/test-app';
import { Writer } from './writer';

const enc = encodeURIComponent;

/** Records through the write routes of the HTTP contract, as a client would. */
export function httpWriter(t: TestApp): Writer {
  const post = async (path: string, body: unknown): Promise<number> => {
    const res = await t.request('POST', path, body);
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.position as number;
  };
  const plan = (planId: string) => `/api/plans/${enc(planId)}`;
  return {
    setClock: (at) => t.setClock(at),
    createPlan: (body) => post('/api/plans', body),
    addPriority: (planId, body) => post(`${plan(planId)}/priorities`, body),
    addMilestone: (planId, body) => post(`${plan(planId)}/milestones`, body),
    updateMilestone: (planId, milestoneId, body) => post(`${plan(planId)}/milestones/${enc(milestoneId)}/updates`, body),
    changeDueDate: (planId, milestoneId, body) => post(`${plan(planId)}/milestones/${enc(milestoneId)}/due-date`, body),
    raiseRecommendation: (planId, body) => post(`${plan(planId)}/recommendations`, body),
    linkMilestone: (planId, id, body) => post(`${plan(planId)}/recommendations/${enc(id)}/links`, body),
    closeRecommendation: (planId, id, body) => post(`${plan(planId)}/recommendations/${enc(id)}/closure`, body),
    reopenRecommendation: (planId, id, body) => post(`${plan(planId)}/recommendations/${enc(id)}/reopening`, body),
    recordVisit: (planId, body) => post(`${plan(planId)}/visits`, body),
    recordFinding: (planId, visitId, body) => post(`${plan(planId)}/visits/${enc(visitId)}/findings`, body),
    recordJudgement: (planId, visitId, body) => post(`${plan(planId)}/visits/${enc(visitId)}/judgements`, body),
    defineIndicator: (planId, body) => post(`${plan(planId)}/indicators`, body),
    recordIndicatorValue: (planId, id, body) => post(`${plan(planId)}/indicators/${enc(id)}/values`, body),
  };
}
