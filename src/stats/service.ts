import { InvalidInputError, NotFoundError } from '../errors.js';
import { upperBound } from '../http/schemas.js';
import type { KindCountRow, QuoteKindCountRow, StatsRepository, TopSpeakerRow } from './repository.js';
import type { SpeakerTimelineOptions, Stats } from './schemas.js';

function counts(kinds: KindCountRow[], top: TopSpeakerRow[]) {
  const bySpeakerKind = { person: 0, anonymous: 0, group: 0, organization: 0, unattributed: 0 };
  for (const row of kinds) bySpeakerKind[row.kind] += row.quotes;
  const quotes = Object.values(bySpeakerKind).reduce((a, b) => a + b, 0);
  return {
    quotes,
    bySpeakerKind,
    anonymousShare: quotes === 0 ? 0 : bySpeakerKind.anonymous / quotes,
    topSpeakers: top.map(({ id, name, kind, quotes: n }) => ({ id, name, kind, quotes: n })),
  };
}

const key = (period: Date | null) => period?.toISOString() ?? 'all';

/** The query's dates as instants: `to` is the end of its day; `from` after `to` is refused. */
function dateRange(query: { from?: string; to?: string }) {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? upperBound(query.to) : undefined;
  if (from && to && from > to) {
    throw new InvalidInputError('`from` is after `to`.', [
      { in: 'query', path: 'to', message: 'must not be before from' },
    ]);
  }
  return { from, to };
}

export class StatsService {
  constructor(private readonly stats: StatsRepository) {}

  /** Quotes by speaker kind, the share of anonymous sources and the most quoted speakers, per period and in all. */
  async get(query: Stats) {
    const { from, to } = dateRange(query);
    const { kinds, top } = await this.stats.counts({ ...query, from, to });
    const groups = new Map<string, { start: Date | null; kinds: KindCountRow[]; top: TopSpeakerRow[] }>();
    const group = (period: Date | null) => {
      let found = groups.get(key(period));
      if (!found) groups.set(key(period), (found = { start: period, kinds: [], top: [] }));
      return found;
    };
    for (const row of kinds) group(row.period).kinds.push(row);
    for (const row of top) group(row.period).top.push(row);
    const all = group(null);
    const periods = [...groups.values()]
      .filter((g): g is typeof g & { start: Date } => g.start !== null)
      .sort((a, b) => a.start.getTime() - b.start.getTime())
      .map((g) => ({ start: g.start, ...counts(g.kinds, g.top) }));
    return {
      outlet: query.outlet ?? null,
      from: from ?? null,
      to: to ?? null,
      interval: query.interval,
      totals: counts(all.kinds, all.top),
      periods,
    };
  }

  /** A speaker's quotes by kind per period and in all, and how many each outlet carried. */
  async speakerTimeline(speakerId: string, query: SpeakerTimelineOptions) {
    const { from, to } = dateRange(query);
    const found = await this.stats.speakerTimeline(speakerId, { from, to, interval: query.interval });
    if (!found.exists) throw new NotFoundError('speaker', speakerId);
    const counts = ({ period: _period, ...c }: QuoteKindCountRow) => c;
    const all = found.periods.find((p) => p.period === null);
    return {
      speaker: speakerId,
      from: from ?? null,
      to: to ?? null,
      interval: query.interval,
      totals: all ? counts(all) : { quotes: 0, direct: 0, partial: 0, indirect: 0, relayed: 0 },
      periods: found.periods.flatMap((p) => (p.period === null ? [] : [{ start: p.period, ...counts(p) }])),
      outlets: found.outlets,
    };
  }
}
