import { parseArgs } from 'node:util';
import { extractQuotes } from '../src/extraction/index.js';
import { newsTextOfSize } from './news-text.js';

// Throughput of extractQuotes on one thread, next to a plain linear scan of the same
// text measured in the same run, so the numbers compare across machines. engine/scan
// is how many times longer the engine takes than the scan.
//   npx tsx bench/extraction.ts [--mb 1,4,16] [--repeat N]

const MB = 1 << 20;
/** The floor a hand-written extractor pays: one pass over the text in JavaScript, counting quote marks and lines. */
function linearScan(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 0x0a: // \n
      case 0x22: // "
      case 0x27: // '
      case 0xab: // «
      case 0xbb: // »
      case 0x2018: // ‘
      case 0x2019: // ’
      case 0x201c: // “
      case 0x201d: // ”
      case 0x201e: // „
        count++;
    }
  }
  return count;
}

/** Best of `repeat` runs, in milliseconds: the least disturbed by GC and the scheduler. */
function bestTime(repeat: number, run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '1,4,16' }, repeat: { type: 'string', default: '5' } },
});
const sizes = values.mb.split(',').map(Number);
const repeat = Math.max(1, Number(values.repeat));
if (sizes.some((n) => !(n > 0)) || !Number.isInteger(repeat)) {
  console.error('usage: npx tsx bench/extraction.ts [--mb 1,4,16] [--repeat N]');
  process.exit(2);
}

const fmt = (n: number, digits = 1): string => n.toFixed(digits);
const row = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(28) : c.padStart(12))).join('');

console.log(`node ${process.version}, best of ${repeat} runs, one thread`);
extractQuotes(newsTextOfSize(MB, 99)); // warm the JIT before timing

console.log('\nSynthetic news text');
console.log(row(['size', 'quotes', 'engine ms', 'engine MB/s', 'scan MB/s', 'engine/scan', 'ms per MB']));
let firstMsPerMb: number | null = null;
let lastMsPerMb = 0;
for (const mb of sizes) {
  const text = newsTextOfSize(mb * MB);
  const bytes = Buffer.byteLength(text, 'utf8') / MB;
  const quotes = extractQuotes(text).quotes.length;
  const engineMs = bestTime(repeat, () => extractQuotes(text));
  const scanMs = bestTime(repeat, () => linearScan(text));
  const msPerMb = engineMs / bytes;
  firstMsPerMb ??= msPerMb;
  lastMsPerMb = msPerMb;
  console.log(
    row([
      `${fmt(bytes, 2)} MB`,
      String(quotes),
      fmt(engineMs),
      fmt(bytes / (engineMs / 1000)),
      fmt(bytes / (scanMs / 1000)),
      `${fmt(engineMs / scanMs, 2)}x`,
      fmt(msPerMb, 2),
    ]),
  );
}
if (sizes.length > 1 && firstMsPerMb !== null) {
  // 1.0 is linear; well above 1 means time grows faster than the text.
  console.log(`linearity (ms per MB at ${sizes.at(-1)} MB / at ${sizes[0]} MB): ${fmt(lastMsPerMb / firstMsPerMb, 2)}`);
}

console.log('\nAdversarial input');
console.log(row(['input', 'quotes', 'engine ms', 'engine MB/s', 'scan MB/s', 'engine/scan']));
const adversarial: [string, string][] = [
  ['100k quote marks', '"'.repeat(100_000)],
  ['100k alternating “”', '“”'.repeat(50_000)],
  ['1 MB without spaces', 'abcdefghijKLMNOPQRSTuvwxyz0123456789'.repeat(Math.ceil(MB / 36)).slice(0, MB)],
  ['1 MB one line of words', 'the senator said that we will win '.repeat(Math.ceil(MB / 34)).slice(0, MB)],
];
for (const [name, text] of adversarial) {
  const bytes = Buffer.byteLength(text, 'utf8') / MB;
  const quotes = extractQuotes(text).quotes.length;
  const engineMs = bestTime(repeat, () => extractQuotes(text));
  const scanMs = bestTime(repeat, () => linearScan(text));
  console.log(
    row([
      name,
      String(quotes),
      fmt(engineMs),
      fmt(bytes / (engineMs / 1000)),
      fmt(bytes / (scanMs / 1000)),
      `${fmt(engineMs / scanMs, 2)}x`,
    ]),
  );
}
