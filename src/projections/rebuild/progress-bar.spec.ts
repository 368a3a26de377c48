import { progressLine, summaryLine } from './progress-bar';

describe('the rebuild’s progress bar', () => {
  it('fills in proportion and shows the percentage and a label', () => {
    expect(progressLine(0, '0 events', 10)).toBe('[----------]   0.0% 0 events');
    expect(progressLine(0.5, '500 events', 10)).toBe('[#####-----]  50.0% 500 events');
    expect(progressLine(1, 'done', 10)).toBe('[##########] 100.0% done');
  });

  it('stays within its bounds whatever it is given', () => {
    expect(progressLine(1.7, '', 4)).toBe('[####] 100.0% ');
    expect(progressLine(Number.NaN, '', 4)).toBe('[----]   0.0% ');
  });

  it('ends with the event count, the seconds and the rate', () => {
    expect(summaryLine(120_000, 1.5)).toBe('Rebuilt the read models from 120000 events in 1.50 s (80000 events/s, 1 thread)');
    expect(summaryLine(120_000, 0.5, 2)).toBe(
      'Rebuilt the read models from 120000 events in 0.50 s (240000 events/s, 2 threads)',
    );
  });
});
