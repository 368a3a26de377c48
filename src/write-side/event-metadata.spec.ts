import { metadataFor } from './event-metadata';

describe('the metadata of the events a command appends', () => {
  const command = { type: 'UpdateMilestone', data: {}, now: '2025-10-20T09:00:00.000Z' };
  const actor = { id: 'jane', name: 'Jane', role: 'board-member' };

  it('names who acted, the command by its type, the request it answered and the command as its cause', () => {
    expect(metadataFor(command, { actor, correlationId: 'board-2025-10-14', commandId: 'cmd-1' })).toEqual({
      actor,
      correlationId: 'board-2025-10-14',
      causationId: 'cmd-1',
      command: 'UpdateMilestone',
    });
  });

  it('keeps the Idempotency-Key and the request’s fingerprint when one was sent, and extra facts such as a source', () => {
    const context = { actor, correlationId: 'c', commandId: 'cmd-1', idempotencyKey: 'k', requestHash: 'h', extra: { source: { document: 'report.pdf' } } };
    expect(metadataFor(command, context)).toMatchObject({ idempotencyKey: 'k', requestHash: 'h', source: { document: 'report.pdf' } });
  });

  it('carries no dates: the event says the day it applies to, the store the time it was recorded', () => {
    expect(Object.keys(metadataFor(command, { actor, correlationId: 'c', commandId: 'x' }))).not.toContain('effectiveOn');
  });
});
