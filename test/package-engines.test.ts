import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/fixtures.js';

// The Node versions package.json promises are ones every installed package
// accepts, so `npm ci` on any of them warns of no unsupported engine.

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const lockfile = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8'));
const promised: string = manifest.engines.node;

// `prisma dev` (a local Prisma Postgres server, which this project does not use)
// loads it; no release of it runs on Node 20.
const NEVER_LOADED = ['@prisma/streams-local'];

function packagesRefusing(range: string): string[] {
  return Object.entries(lockfile.packages as Record<string, { version: string; engines?: { node?: string } }>)
    .filter(([location, entry]) => location !== '' && entry.engines?.node !== undefined)
    .filter(([, entry]) => !semver.subset(range, entry.engines!.node!))
    .map(([location]) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length));
}

/** The first release of each line of Node a range takes in, e.g. 20.19.0 and 22.13.0. */
function firstReleases(range: string): string[] {
  return new semver.Range(range).set.map(
    (comparators) => semver.minVersion(new semver.Range(comparators.join(' ')))!.version,
  );
}

describe('the engines field', () => {
  it('promises only Node versions that every installed package accepts', () => {
    expect(semver.validRange(promised)).not.toBeNull();
    expect(packagesRefusing(promised)).toEqual(NEVER_LOADED);
  });

  it('would be caught promising a Node version a package refuses', () => {
    expect(packagesRefusing('>=20')).toEqual(expect.arrayContaining(['prisma', 'eslint']));
  });

  it('installs content-disposition and cookie in releases that run on Node 20', () => {
    const copies = Object.entries(lockfile.packages as Record<string, { engines?: { node?: string } }>).filter(
      ([location]) => /node_modules\/(content-disposition|cookie)$/.test(location),
    );
    expect(copies.length).toBeGreaterThanOrEqual(2);
    for (const [, entry] of copies) expect(semver.subset(promised, entry.engines!.node!)).toBe(true);
  });

  it('is the one the README states', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const releases = firstReleases(promised);
    expect(releases).toContain('20.19.0');
    for (const release of releases) expect(readme).toContain(`Node.js ${release.replace(/(\.0)+$/, '')}`);
  });
});
