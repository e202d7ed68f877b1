import type { ClaimReview, VerifyMatch, VerifyResult } from './schemas.js';

// schema.org ClaimReview, the markup fact-checks publish for search engines and
// aggregators. Ratings run from 1 to 5; the README lists the scale.

export const RATINGS: Record<VerifyResult['verdict'], { value: number; name: string }> = {
  verified: { value: 5, name: 'Verified: said as quoted' },
  wording_differs: { value: 3, name: 'Wording differs from the record' },
  not_found: { value: 2, name: 'Not found on record' },
  misattributed: { value: 1, name: 'Misattributed' },
};

export interface ClaimReviewOptions {
  /** The organisation publishing the review (CLAIMREVIEW_AUTHOR_NAME, CLAIMREVIEW_AUTHOR_URL). */
  author: { name: string; url: string | undefined };
  /** Where the review is published, when the request says. */
  reviewUrl: string | undefined;
  reviewedAt: Date;
}

function appearance(m: VerifyMatch): CreativeWork {
  return {
    '@type': 'CreativeWork',
    ...(m.article.url ? { url: m.article.url } : {}),
    headline: m.article.title,
    datePublished: m.seenAt.toISOString(),
    ...(m.article.outlet ? { publisher: { '@type': 'Organization' as const, name: m.article.outlet } } : {}),
  };
}

type CreativeWork = NonNullable<ClaimReview['itemReviewed']['firstAppearance']>;

/** Who the claim is about: the claimed speaker, or else who said the words. */
function claimAuthor(result: VerifyResult): ClaimReview['itemReviewed']['author'] | null {
  if (result.claim.speaker) return { '@type': 'Person', name: result.claim.speaker };
  const said = result.saidBy[0];
  if (!said) return null;
  return {
    '@type': said.kind === 'group' || said.kind === 'organization' ? 'Organization' : 'Person',
    name: said.name,
  };
}

export function toClaimReview(result: VerifyResult, options: ClaimReviewOptions): ClaimReview {
  const rating = RATINGS[result.verdict];
  const first = result.firstSeen;
  // The first appearance leads; the others follow, earliest first.
  const others = result.matches
    .filter((m) => m.quoteId !== first?.quoteId && m.article.url)
    .sort((a, b) => a.seenAt.getTime() - b.seenAt.getTime());
  const appearances = [...(first ? [first] : []), ...others].map(appearance);
  const author = claimAuthor(result);
  return {
    '@context': 'https://schema.org' as const,
    '@type': 'ClaimReview' as const,
    ...(options.reviewUrl ? { url: options.reviewUrl } : {}),
    claimReviewed: result.claim.quote,
    datePublished: options.reviewedAt.toISOString(),
    author: {
      '@type': 'Organization' as const,
      name: options.author.name,
      ...(options.author.url ? { url: options.author.url } : {}),
    },
    reviewBody: result.explanation,
    reviewRating: {
      '@type': 'Rating' as const,
      ratingValue: rating.value,
      bestRating: 5 as const,
      worstRating: 1 as const,
      alternateName: rating.name,
    },
    itemReviewed: {
      '@type': 'Claim' as const,
      ...(author ? { author } : {}),
      ...(first ? { datePublished: first.seenAt.toISOString(), firstAppearance: appearance(first) } : {}),
      ...(appearances.length ? { appearance: appearances } : {}),
    },
  };
}
