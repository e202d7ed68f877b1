import { normalizeQuoteText } from '../text/normalize.js';
import { alignClaim, allowedCost, SIMILAR, type Alignment } from './align.js';
import type { CandidateSpeaker, VerifyCandidate, VerifyRepository } from './repository.js';
import type { VerifyInput, VerifyMatch, VerifyResult } from './schemas.js';
import { refersTo } from './speaker-match.js';

const MAX_MATCHES = 20;
const CONTEXT_CHARS = 200;

interface Scored {
  candidate: VerifyCandidate;
  alignment: Alignment;
  close: boolean;
  speakerIsClaimed: boolean;
  relayedByClaimed: boolean;
}

function contextWindow(body: string, start: number, end: number) {
  let from = Math.max(0, start - CONTEXT_CHARS);
  let to = Math.min(body.length, end + CONTEXT_CHARS);
  // Start and end on word boundaries, without cutting into the quote.
  while (from > 0 && from < start && /\S/.test(body[from - 1]!)) from++;
  while (to < body.length && to > end && /\S/.test(body[to]!)) to--;
  return { text: body.slice(from, to), start: from, end: to };
}

const ref = (s: CandidateSpeaker | null) => (s ? { id: s.id, name: s.name, kind: s.kind } : null);

function distinctSpeakers(items: Scored[]) {
  const seen = new Map<string, { id: string; name: string; kind: CandidateSpeaker['kind'] }>();
  for (const s of items) {
    const speaker = s.candidate.speaker;
    if (speaker && !seen.has(speaker.id)) seen.set(speaker.id, ref(speaker)!);
  }
  return [...seen.values()];
}

const byAppearance = (a: Scored, b: Scored) =>
  a.candidate.publishedAt.getTime() - b.candidate.publishedAt.getTime() || (a.candidate.id < b.candidate.id ? -1 : 1);

export class VerifyService {
  constructor(private readonly repository: VerifyRepository) {}

  async verify(input: VerifyInput): Promise<VerifyResult> {
    const normalized = normalizeQuoteText(input.quote);
    const claimWords = normalized.split(' ').filter(Boolean);
    const candidates = await this.repository.candidates(
      input.quote,
      normalized,
      input.before ? new Date(input.before) : undefined,
    );
    const allowance = allowedCost(claimWords.length);
    const scored: Scored[] = candidates
      .map((candidate) => {
        const alignment = alignClaim(claimWords, candidate.normalizedText.split(' ').filter(Boolean));
        // A rejected attribution names nobody.
        const speaker = candidate.status === 'rejected' ? null : candidate.speaker;
        return {
          candidate: { ...candidate, speaker },
          alignment,
          close: alignment.cost <= allowance,
          speakerIsClaimed: Boolean(input.speaker && speaker && refersTo(input.speaker, speaker)),
          relayedByClaimed: Boolean(
            input.speaker && candidate.relayedBy && refersTo(input.speaker, candidate.relayedBy),
          ),
        };
      })
      .filter((s) => s.alignment.similarity >= SIMILAR)
      .sort(byAppearance);

    const decision = decide(input, scored);
    const shown = [...new Set([...decision.support, ...scored])].slice(0, MAX_MATCHES).sort(byAppearance);
    const matches = await this.present(shown);
    const byId = new Map(matches.map((m) => [m.quoteId, m]));
    const first = decision.support[0];
    return {
      verdict: decision.verdict,
      explanation: decision.explanation,
      claim: { quote: input.quote, speaker: input.speaker ?? null },
      saidBy: decision.saidBy,
      firstSeen: first ? (byId.get(first.candidate.id) ?? null) : null,
      matches,
    };
  }

  private async present(items: Scored[]): Promise<VerifyMatch[]> {
    const articles = new Map(
      (await this.repository.articles([...new Set(items.map((s) => s.candidate.articleId))])).map((a) => [a.id, a]),
    );
    return items.flatMap((s) => {
      const article = articles.get(s.candidate.articleId);
      if (!article) return [];
      const { body, ...summary } = article;
      return [
        {
          quoteId: s.candidate.id,
          text: s.candidate.text,
          similarity: Math.round(s.alignment.similarity * 1000) / 1000,
          match: s.alignment.cost === 0 ? 'exact' : s.close ? 'close' : 'similar',
          speaker: ref(s.candidate.speaker),
          relayedBy: ref(s.candidate.relayedBy),
          speakerIsClaimed: s.speakerIsClaimed,
          relayedByClaimed: s.relayedByClaimed,
          attribution: s.candidate.status,
          article: summary,
          start: s.candidate.start,
          end: s.candidate.end,
          context: contextWindow(body, s.candidate.start, s.candidate.end),
          seenAt: s.candidate.publishedAt,
        } satisfies VerifyMatch,
      ];
    });
  }
}

interface Decision {
  verdict: VerifyResult['verdict'];
  explanation: string;
  support: Scored[];
  saidBy: VerifyResult['saidBy'];
}

function names(speakers: { name: string }[]): string {
  return speakers.map((s) => s.name).join(', ');
}

function decide(input: VerifyInput, scored: Scored[]): Decision {
  const close = scored.filter((s) => s.close);
  if (!input.speaker) {
    if (close.length > 0) {
      const saidBy = distinctSpeakers(close);
      return {
        verdict: 'verified',
        explanation: saidBy.length
          ? `On record from ${names(saidBy)}, earliest first.`
          : 'On record, without a known speaker.',
        support: close,
        saidBy,
      };
    }
    if (scored.length > 0) {
      return {
        verdict: 'wording_differs',
        explanation: 'Similar words are on record; the wording differs.',
        support: scored,
        saidBy: distinctSpeakers(scored),
      };
    }
    return {
      verdict: 'not_found',
      explanation: 'Nothing on record comes close to these words.',
      support: [],
      saidBy: [],
    };
  }

  const claimed = input.speaker;
  const mine = close.filter((s) => s.speakerIsClaimed);
  if (mine.length > 0) {
    const relayedBy = mine.map((s) => s.candidate.relayedBy).find(Boolean);
    return {
      verdict: 'verified',
      explanation: `${claimed} said this${mine[0]!.alignment.cost > 0 ? ' (a close variant of the wording)' : ''}${relayedBy ? `, as relayed by ${relayedBy.name}` : ''}.`,
      support: mine,
      saidBy: distinctSpeakers(mine),
    };
  }
  const others = close.filter((s) => s.candidate.speaker);
  if (others.length > 0) {
    const saidBy = distinctSpeakers(others);
    const relayed = others.some((s) => s.relayedByClaimed);
    return {
      verdict: 'misattributed',
      explanation: `These words are on record from ${names(saidBy)}, not ${claimed}${relayed ? `; ${claimed} only relayed them` : ''}.`,
      support: others,
      saidBy,
    };
  }
  const similarMine = scored.filter((s) => s.speakerIsClaimed);
  if (similarMine.length > 0) {
    return {
      verdict: 'wording_differs',
      explanation: `${claimed} said something similar, in other words; see the matches for the wording on record.`,
      support: similarMine,
      saidBy: distinctSpeakers(similarMine),
    };
  }
  return {
    verdict: 'not_found',
    explanation: close.length
      ? `These words are on record, but no speaker is known for them.`
      : `Nothing on record from ${claimed} or anyone else comes close to these words.`,
    support: close,
    saidBy: [],
  };
}
