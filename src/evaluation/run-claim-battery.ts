import {
  CLAIM_KINDS,
  type BatteryArticle,
  type BatteryClaim,
  type ClaimBattery,
  type ClaimKind,
} from './claim-battery.js';

// Runs a claim battery against the service's API: the articles are ingested,
// then every claim is verified, and the verdicts are counted per kind.

export type Verdict = 'verified' | 'wording_differs' | 'misattributed' | 'not_found';
const VERDICTS: readonly Verdict[] = ['verified', 'wording_differs', 'misattributed', 'not_found'];

/** The two calls the battery makes; the command and the tests each send them their own way. */
export interface BatteryClient {
  ingest(article: BatteryArticle): Promise<void>;
  verify(claim: { quote: string; speaker: string }): Promise<Verdict>;
}

/** The verdict each kind is judged by, and whether the judged share should be high or low. */
export const KIND_TARGETS: Record<ClaimKind, { verdict: Verdict; want: 'high' | 'low' }> = {
  exact: { verdict: 'verified', want: 'high' },
  close_variant: { verdict: 'verified', want: 'high' },
  split_joined: { verdict: 'verified', want: 'high' },
  negation_added: { verdict: 'verified', want: 'low' },
  negation_dropped: { verdict: 'verified', want: 'low' },
  number_changed: { verdict: 'verified', want: 'low' },
  name_swapped: { verdict: 'verified', want: 'low' },
  stranger: { verdict: 'misattributed', want: 'high' },
  namesake: { verdict: 'verified', want: 'low' },
  paraphrase: { verdict: 'wording_differs', want: 'high' },
};

export interface KindFigures {
  claims: number;
  verdicts: Record<Verdict, number>;
  /** Share of the kind's claims that got KIND_TARGETS[kind].verdict. */
  share: number;
}

export interface BatteryFigures {
  articles: number;
  /** Articles whose annotations could not be read. */
  skipped: string[];
  kinds: Record<ClaimKind, KindFigures>;
  /** Claims that got the wrong verdict, for a look at why. */
  misses: (BatteryClaim & { verdict: Verdict })[];
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

export async function runClaimBattery(
  battery: ClaimBattery,
  client: BatteryClient,
  options: { concurrency?: number } = {},
): Promise<BatteryFigures> {
  const width = options.concurrency ?? 4;
  await inParallel(battery.articles, width, (a) => client.ingest(a));
  const kinds = Object.fromEntries(
    CLAIM_KINDS.map((k) => [
      k,
      { claims: 0, verdicts: Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>, share: 0 },
    ]),
  ) as Record<ClaimKind, KindFigures>;
  const misses: BatteryFigures['misses'] = [];
  await inParallel(battery.claims, width, async (claim) => {
    const verdict = await client.verify({ quote: claim.quote, speaker: claim.speaker });
    const figures = kinds[claim.kind];
    figures.claims++;
    figures.verdicts[verdict]++;
    const target = KIND_TARGETS[claim.kind];
    if ((verdict === target.verdict) !== (target.want === 'high')) misses.push({ ...claim, verdict });
  });
  for (const k of CLAIM_KINDS) {
    const f = kinds[k];
    f.share = f.claims === 0 ? 0 : f.verdicts[KIND_TARGETS[k].verdict] / f.claims;
  }
  return { articles: battery.articles.length, skipped: battery.skipped, kinds, misses };
}

export function batteryTable(figures: BatteryFigures): string {
  const header = ['kind', 'claims', 'verified', 'wording_differs', 'misattributed', 'not_found', 'figure'];
  const rows = CLAIM_KINDS.map((k) => {
    const f = figures.kinds[k];
    const target = KIND_TARGETS[k];
    return [
      k,
      String(f.claims),
      ...VERDICTS.map((v) => String(f.verdicts[v])),
      `${target.verdict} ${f.share.toFixed(3)} (${target.want === 'high' ? 'higher' : 'lower'} is better)`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const skipped = figures.skipped.length ? ` (${figures.skipped.length} without claims: unreadable annotations)` : '';
  return `${figures.articles} articles${skipped}\n${[line(header), ...rows.map(line)].join('\n')}\n`;
}
