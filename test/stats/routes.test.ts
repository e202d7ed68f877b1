import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { recordQuotes } from '../support/records.js';

const t = useTestApp();

describe('GET /v1/stats', () => {
  it('counts quotes by speaker kind, the anonymous share and the top speakers, per month and in all', async () => {
    const okoro = { name: 'Femi Okoro' };
    const aide = { name: 'a council aide', kind: 'anonymous' as const };
    const union = { name: 'the dockers union', kind: 'organization' as const };
    const at = (day: string) => `${day}T10:00:00Z`;
    await recordQuotes(t.app.db.prisma, [
      { text: 'One', speaker: okoro, outlet: 'River Times', publishedAt: at('2025-01-05') },
      { text: 'Two', speaker: okoro, outlet: 'River Times', publishedAt: at('2025-01-20') },
      { text: 'Three', speaker: aide, outlet: 'River Times', publishedAt: at('2025-01-21') },
      { text: 'Four', speaker: union, outlet: 'River Times', publishedAt: at('2025-02-02') },
      { text: 'Five', speaker: null, outlet: 'River Times', publishedAt: at('2025-02-03') },
      { text: 'Six', speaker: okoro, outlet: 'Other Paper', publishedAt: at('2025-02-04') },
      { text: 'Seven', speaker: union, outlet: 'River Times', publishedAt: at('2025-04-01') },
    ]);
    const res = await t
      .api()
      .get('/v1/stats')
      .query({ outlet: 'RIVER times', from: '2025-01-01', to: '2025-02-28', interval: 'month' })
      .expect(200);
    expect(res.body).toMatchObject({
      outlet: 'RIVER times',
      interval: 'month',
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-02-28T23:59:59.999Z',
      totals: {
        quotes: 5,
        bySpeakerKind: { person: 2, anonymous: 1, group: 0, organization: 1, unattributed: 1 },
        anonymousShare: 0.2,
      },
    });
    expect(res.body.totals.topSpeakers.map((s: { name: string; quotes: number }) => [s.name, s.quotes])).toEqual([
      ['Femi Okoro', 2],
      ['the dockers union', 1],
    ]);
    expect(res.body.periods).toMatchObject([
      {
        start: '2025-01-01T00:00:00.000Z',
        quotes: 3,
        anonymousShare: 1 / 3,
        topSpeakers: [{ name: 'Femi Okoro', kind: 'person', quotes: 2 }],
      },
      {
        start: '2025-02-01T00:00:00.000Z',
        quotes: 2,
        bySpeakerKind: { organization: 1, unattributed: 1 },
        topSpeakers: [{ name: 'the dockers union', quotes: 1 }],
      },
    ]);
    const years = await t.api().get('/v1/stats').query({ interval: 'year', top: 1 }).expect(200);
    expect(years.body.periods).toHaveLength(1);
    expect(years.body.totals.quotes).toBeGreaterThanOrEqual(7);
    expect(years.body.totals.topSpeakers).toHaveLength(1);
    const none = await t.api().get('/v1/stats').query({ outlet: 'No Such Paper' }).expect(200);
    expect(none.body.totals).toMatchObject({ quotes: 0, anonymousShare: 0, topSpeakers: [] });
    expect(none.body.periods).toEqual([]);
  });

  it('refuses bad intervals, dates, ranges and unknown parameters', async () => {
    const bad = [
      { interval: 'fortnight' },
      { from: 'yesterday' },
      { from: '2025-03-01', to: '2025-02-01' },
      { top: '0' },
      { top: '51' },
      { outlet: '' },
      { outlets: 'x' },
    ];
    for (const query of bad) {
      const res = await t.api().get('/v1/stats').query(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('GET /v1/speakers/:id/timeline', () => {
  it("counts a speaker's quotes by kind per period and in all, relayed among them, and per outlet", async () => {
    const ilves = { name: 'Maret Ilves' };
    const aide = { name: 'Juhan Tamm' };
    const at = (day: string) => `${day}T09:00:00Z`;
    const { speakers } = await recordQuotes(t.app.db.prisma, [
      { text: 'Alpha', speaker: ilves, outlet: 'Bay Herald', publishedAt: at('2025-03-02') },
      { text: 'Beta', speaker: ilves, kind: 'partial', outlet: 'bay herald', publishedAt: at('2025-03-09') },
      {
        text: 'Gamma',
        speaker: ilves,
        kind: 'indirect',
        relayedBy: aide,
        outlet: 'Coast Post',
        publishedAt: at('2025-03-30'),
      },
      { text: 'Delta', speaker: ilves, outlet: 'Coast Post', publishedAt: at('2025-05-01') },
      { text: 'Epsilon', speaker: ilves, outlet: 'Bay Herald', publishedAt: at('2025-05-02') },
      { text: 'Zeta', speaker: aide, outlet: 'Bay Herald', publishedAt: at('2025-05-03') },
    ]);
    const id = speakers.get('Maret Ilves')!;
    const res = await t.api().get(`/v1/speakers/${id}/timeline`).expect(200);
    expect(res.body).toEqual({
      speaker: id,
      from: null,
      to: null,
      interval: 'month',
      totals: { quotes: 5, direct: 3, partial: 1, indirect: 1, relayed: 1 },
      periods: [
        { start: '2025-03-01T00:00:00.000Z', quotes: 3, direct: 1, partial: 1, indirect: 1, relayed: 1 },
        { start: '2025-05-01T00:00:00.000Z', quotes: 2, direct: 2, partial: 0, indirect: 0, relayed: 0 },
      ],
      outlets: [
        { outlet: 'Bay Herald', quotes: 3 },
        { outlet: 'Coast Post', quotes: 2 },
      ],
    });
    const days = await t
      .api()
      .get(`/v1/speakers/${id}/timeline`)
      .query({ interval: 'day', from: '2025-03-05', to: '2025-03-30' })
      .expect(200);
    expect(days.body.periods.map((p: { start: string }) => p.start)).toEqual([
      '2025-03-09T00:00:00.000Z',
      '2025-03-30T00:00:00.000Z',
    ]);
    expect(days.body.totals.quotes).toBe(2);

    const quiet = await t.app.db.prisma.speaker.create({ data: { name: 'Silent Sam', kind: 'person' } });
    const none = await t.api().get(`/v1/speakers/${quiet.id}/timeline`).expect(200);
    expect(none.body).toMatchObject({ totals: { quotes: 0 }, periods: [], outlets: [] });
  });

  it('answers 404 for an unknown speaker and 400 for bad input', async () => {
    const missing = await t.api().get('/v1/speakers/00000000-0000-4000-8000-000000000000/timeline').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    await t.api().get('/v1/speakers/not-a-uuid/timeline').expect(400);
    for (const query of [{ interval: 'hour' }, { from: '2025-03-01', to: '2025-02-01' }, { outlet: 'x' }]) {
      const res = await t.api().get('/v1/speakers/00000000-0000-4000-8000-000000000000/timeline').query(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
    }
  });
});
