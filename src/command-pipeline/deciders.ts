import { tokenDecider } from '../access/token';
import { boardPackDecider } from '../board-pack/board-pack';
import { Decider } from '../domain/decider';
import { indicatorDecider } from '../indicator/indicator';
import { milestoneDecider } from '../milestone/milestone';
import { planDecider } from '../plan/plan';
import { recommendationDecider } from '../recommendation/recommendation';
import { visitDecider } from '../visit/visit';

/** Every aggregate's decider by name, so that a command can be decided on another thread. */
export const DECIDERS: Readonly<Record<string, Decider<any, any, any>>> = {
  plan: planDecider,
  milestone: milestoneDecider,
  recommendation: recommendationDecider,
  visit: visitDecider,
  indicator: indicatorDecider,
  token: tokenDecider,
  boardPack: boardPackDecider,
};

const NAMES = new Map<unknown, string>(Object.entries(DECIDERS).map(([name, decider]) => [decider, name]));

/** The name a decider is known by in DECIDERS, or undefined for one that is not there. */
export const deciderName = (decider: unknown): string | undefined => NAMES.get(decider);
