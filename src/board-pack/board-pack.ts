import { dayOf } from '../domain/clock';
import { Command } from '../domain/command';
import { isIsoDate } from '../domain/dates';
import { Decider } from '../domain/decider';
import { alreadyExists, ruleBroken } from '../domain/domain-error';
import { requirePeriod } from '../domain/period';
import { PlanContext, requirePlan } from '../domain/plan-context';
import { streamIdOf } from '../domain/stream-id';

/** The files of one pack; each is regenerated from the same cut, so its SHA-256 identifies it. */
export const PACK_FORMATS = ['docx', 'xlsx', 'csv', 'html'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];
export type PackHashes = Record<PackFormat, string>;

/**
 * What the board was sent: the period, the moment it showed, the head of the log it reflects (the last
 * log position in it and the hash chain's link there), and each file's hash.
 */
export interface IssuedPack {
  packId: string;
  period: string;
  asOf: string;
  knownAt: string;
  lastPosition: number;
  lastHash: string;
  sha256: PackHashes;
}

/** effectiveOn: the day the pack was issued to the board. */
export type BoardPackEvent = { type: 'BoardPackIssued'; data: IssuedPack & { effectiveOn: string } };

export type BoardPackCommand = Command<'IssueBoardPack', Omit<IssuedPack, 'packId'> & { planId: string; plan: PlanContext }>;

/** One stream per plan and period: the packs of that period, in the order they went to the board. */
export type BoardPackState = { status: 'none' } | { status: 'issued'; packs: IssuedPack[] };

export const streamType = 'boardpack';
export const streamId = (planId: string, period: string): string => streamIdOf(streamType, planId, period);
export const streamOfCommand = ({ data }: BoardPackCommand): string => streamId(data.planId, data.period);

export const initialState: BoardPackState = { status: 'none' };

export const evolve = (state: BoardPackState, event: BoardPackEvent): BoardPackState => {
  switch (event.type) {
    case 'BoardPackIssued': {
      const { effectiveOn: _issuedOn, ...pack } = event.data;
      return { status: 'issued', packs: [...(state.status === 'issued' ? state.packs : []), pack] };
    }
    default: {
      const _exhaustive: never = event.type;
      return state;
    }
  }
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** `2025-26 Q2` → `2025-26-Q2-1`: readable in a path, and numbered in issue order within the period. */
export const packIdOf = (period: string, number: number): string => `${period.replace(' ', '-')}-${number}`;

const issue = ({ data, now }: BoardPackCommand, state: BoardPackState): BoardPackEvent[] => {
  requirePlan(data.plan, data.planId);
  const period = requirePeriod(data.period, ['quarter']);
  if (!isIsoDate(data.asOf)) throw ruleBroken(`The date shown (asOf "${data.asOf}") must be a real date written YYYY-MM-DD.`, 'asOf');
  if (!INSTANT.test(data.knownAt)) throw ruleBroken(`The moment shown (knownAt "${data.knownAt}") must be a UTC instant.`, 'knownAt');
  if (!Number.isSafeInteger(data.lastPosition) || data.lastPosition < 0) {
    throw ruleBroken(`The last log position shown (${data.lastPosition}) must be a whole number.`, 'lastPosition');
  }
  if (!SHA256.test(data.lastHash ?? '')) throw ruleBroken('The head of the log shown needs the chain’s link at its last position, in hex.', 'lastHash');
  for (const format of PACK_FORMATS) {
    if (!SHA256.test(data.sha256?.[format] ?? '')) throw ruleBroken(`The ${format} file needs its SHA-256, in hex.`, `sha256.${format}`);
  }
  const packs = state.status === 'issued' ? state.packs : [];
  const same = packs.find((p) => PACK_FORMATS.every((f) => p.sha256[f] === data.sha256[f]));
  if (same) {
    throw alreadyExists(
      `This pack, ${period.text} as of ${data.asOf} as known at ${data.knownAt}, was already issued to the board as ${same.packId}; nothing has changed since.`,
      'period',
    );
  }
  const sha256 = Object.fromEntries(PACK_FORMATS.map((f) => [f, data.sha256[f]])) as PackHashes;
  const { asOf, knownAt, lastPosition, lastHash } = data;
  return [
    {
      type: 'BoardPackIssued',
      data: { packId: packIdOf(period.text, packs.length + 1), period: period.text, asOf, knownAt, lastPosition, lastHash, sha256, effectiveOn: dayOf(now) },
    },
  ];
};

export const decide = (command: BoardPackCommand, state: BoardPackState): BoardPackEvent[] => {
  switch (command.type) {
    case 'IssueBoardPack':
      return issue(command, state);
    default: {
      const _exhaustive: never = command.type;
      return [];
    }
  }
};

export const effectiveOnOf = (event: BoardPackEvent): string => event.data.effectiveOn;

export const boardPackDecider: Decider<BoardPackCommand, BoardPackEvent, BoardPackState> = { decide, evolve, initialState };
