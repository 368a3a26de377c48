import { nestedDeeperThan } from './json-depth';

describe('how deep a JSON body nests', () => {
  it('counts objects and arrays alike, and stops at the limit', () => {
    expect(nestedDeeperThan('{"updates": [{"rag": "amber"}]}', 3)).toBe(false);
    expect(nestedDeeperThan('{"updates": [{"rag": ["amber"]}]}', 3)).toBe(true);
    expect(nestedDeeperThan('[[[]]] [[[]]]', 3)).toBe(false);
    expect(nestedDeeperThan('['.repeat(1_000_000), 16)).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(nestedDeeperThan(JSON.stringify({ commentary: '[[[[{{{{ "quoted [[[[" \\ [[[[' }), 1)).toBe(false);
    expect(nestedDeeperThan(JSON.stringify({ a: 'ends with a backslash \\', b: [[1]] }), 2)).toBe(true);
  });
});
