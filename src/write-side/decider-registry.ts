import { tokenDecider } from '../access/token';
import { boardPackDecider } from '../board-pack/board-pack';
import { Decider } from '../domain/decider';
import { indicatorDecider } from '../indicator/indicator';
import { milestoneDecider } from '../milestone/milestone';
import { planDecider } from '../plan/plan';
import { recommendationDecider } from '../recommendation/recommendation';
import { visitDecider } from '../visit/visit';

/** Every aggregate's decider by name, so that a command built on one thread can be decided on another. */
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

/** The name a decider is known by in DECIDERS; a decider that is not there cannot cross threads. */
export function deciderName(decider: unknown): string {
  const name = NAMES.get(decider);
  if (name === undefined) throw new Error('This decider is not in the decider registry, so its commands cannot reach the writer thread');
  return name;
}

export function deciderNamed(name: string): Decider<any, any, any> {
  const decider = DECIDERS[name];
  if (!decider) throw new Error(`No decider is named ${name}`);
  return decider;
}
