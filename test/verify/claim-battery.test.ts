import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClaimBattery } from '../../src/evaluation/claim-battery.js';
import {
  batteryTable,
  runClaimBattery,
  type BatteryFigures,
  type Verdict,
} from '../../src/evaluation/run-claim-battery.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { sharedFile } from '../support/shared.js';

// The claim battery on the PolNeAR dev split: the annotated quotes of named
// people as said and changed, verified through the API (`npm run --silent
// battery -- DIR` prints the same figures for any BRAT folder).

const devText = sharedFile('polnear/dev/text', 'the claim battery on the PolNeAR dev split');
const DEV = devText === null ? '' : path.dirname(devText);

describe.skipIf(devText === null)('the claim battery on the PolNeAR dev split', () => {
  let t: TestApp;
  let figures: BatteryFigures;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_MAX: '1000000' });
    const battery = await buildClaimBattery(DEV);
    figures = await runClaimBattery(battery, {
      async ingest(article) {
        await t
          .api()
          .post('/v1/articles')
          .send({
            title: article.title,
            body: article.body,
            author: article.author,
            publishedAt: article.publishedAt,
            url: `https://battery.example/${article.name}`,
          })
          .expect(201);
      },
      async verify(claim) {
        return (await t.api().post('/v1/verify').send(claim).expect(200)).body.verdict as Verdict;
      },
    });
    console.log(batteryTable(figures));
  }, 240_000);
  afterAll(() => t?.close());

  const share = (kind: keyof BatteryFigures['kinds'], verdict: Verdict) =>
    figures.kinds[kind].verdicts[verdict] / figures.kinds[kind].claims;

  it('has enough claims of every kind to mean something', () => {
    for (const [kind, f] of Object.entries(figures.kinds)) expect(f.claims, kind).toBeGreaterThanOrEqual(15);
  });

  it('verifies exact quotes and split quotes joined up', () => {
    expect(share('exact', 'verified')).toBeGreaterThanOrEqual(0.95);
    expect(share('close_variant', 'verified')).toBeGreaterThanOrEqual(0.9);
    expect(share('split_joined', 'verified')).toBeGreaterThanOrEqual(0.85);
  });

  it('never verifies a negation, a number or a name changed', () => {
    for (const kind of ['negation_added', 'negation_dropped', 'number_changed', 'name_swapped'] as const) {
      expect(share(kind, 'verified'), kind).toBeLessThanOrEqual(0.01);
    }
  });

  it('says misattributed for strangers, and does not verify namesakes', () => {
    expect(share('stranger', 'misattributed')).toBeGreaterThanOrEqual(0.97);
    expect(share('namesake', 'verified')).toBeLessThanOrEqual(0.02);
  });
});
