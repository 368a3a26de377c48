import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KURRENTDB_IMAGE } from '../support/kurrentdb-image';

describe('The KurrentDB release', () => {
  it('is the same, pinned to a patch release, in docker-compose.yml and in the real-server suite', () => {
    const compose = readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8');
    const images = [...compose.matchAll(/^\s*image:\s*(\S*kurrentdb\S*)\s*$/gm)].map((m) => m[1]);
    expect(images).toEqual([KURRENTDB_IMAGE]);
    expect(KURRENTDB_IMAGE).toMatch(/:\d+\.\d+\.\d+$/);
  });
});
