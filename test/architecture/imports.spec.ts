import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections';
import { cycles, importGraph, topFolder } from './import-graph';

/**
 * The arrows run one way: controller → handler → executor → pipeline → decider → store, then subscription →
 * projection → queries. Checked over every import of the product's files (type-only imports included);
 * `npx jest test/architecture` runs it alone.
 */
const src = join(__dirname, '..', '..', 'src');
const { edges, outside } = importGraph(src);

describe('the imports between the product’s files', () => {
  it('never go round in a ring, file to file', () => {
    expect(cycles(edges.map((e) => [e.from, e.to] as const))).toEqual([]);
  });

  it('never go round in a ring between the folders of src/', () => {
    const found = cycles(edges.map((e) => [topFolder(e.from), topFolder(e.to)] as const));
    const through = (group: string[]) =>
      edges.filter((e) => group.includes(topFolder(e.from)) && group.includes(topFolder(e.to)) && topFolder(e.from) !== topFolder(e.to));
    expect(found.map((group) => ({ group, through: through(group) }))).toEqual([]);
  });

  it('leave the domain importing nothing outside itself, not even a package', () => {
    const fromDomain = (file: string) => file.startsWith('domain/');
    expect([
      ...edges.filter((e) => fromDomain(e.from) && !fromDomain(e.to)).map((e) => `${e.from} → ${e.to}`),
      ...outside.filter((o) => fromDomain(o.from)).map((o) => `${o.from} → ${o.specifier}`),
    ]).toEqual([]);
  });

  it('keep the projections’ engine, rebuild and shared pieces below the read models, with no ring among them', () => {
    const part = (file: string) => file.split('/').slice(0, 2).join('/');
    const inside = edges.filter((e) => e.from.startsWith('projections/') && e.to.startsWith('projections/'));
    expect(cycles(inside.map((e) => [part(e.from), part(e.to)] as const))).toEqual([]);
    const below = ['projections/engine', 'projections/shared'];
    const upwards = inside.filter((e) => below.includes(part(e.from)) && !below.includes(part(e.to)));
    expect(upwards.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });
});

describe('each read model', () => {
  const folders = readdirSync(join(src, 'projections'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !['engine', 'rebuild'].includes(d.name))
    .map((d) => d.name);
  const ownTables = (folder: string) => {
    const names = readdirSync(join(src, 'projections', folder));
    const declared = ALL_PROJECTIONS.filter((p) => names.some((n) => n.endsWith('.projection.ts') && readFileSync(join(src, 'projections', folder, n), 'utf8').includes(`name: '${p.name}'`)));
    return declared.flatMap((p) => Object.keys(p.tables));
  };

  it.each(folders)('%s reads only its own tables: another model’s data comes through that model’s queries', (folder) => {
    const own = ownTables(folder);
    const read = readdirSync(join(src, 'projections', folder))
      .filter((n) => n.endsWith('.ts') && !n.endsWith('.spec.ts'))
      .flatMap((n) => [...readFileSync(join(src, 'projections', folder, n), 'utf8').matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/g)].map((m) => m[1]!));
    expect(read.filter((table) => !own.includes(table))).toEqual([]);
  });
});
