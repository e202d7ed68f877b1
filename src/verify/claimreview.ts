import type { VerifyResult } from './schemas.js';

// schema.org ClaimReview, the markup fact-checks publish for search engines and
// aggregators. Ratings run from 1 (false) to 5 (true).

const RATINGS: Record<VerifyResult['verdict'], { value: number; name: string }> = {
  verified: { value: 5, name: 'Verified: said as quoted' },
  wording_differs: { value: 3, name: 'Wording differs from the record' },
  misattributed: { value: 1, name: 'Misattributed' },
  not_found: { value: 2, name: 'Not found on record' },
};

export function toClaimReview(result: VerifyResult, reviewedAt: Date, publisher: string) {
  const rating = RATINGS[result.verdict];
  const appearances = result.matches
    .filter((m) => m.article.url)
    .map((m) => ({
      '@type': 'CreativeWork',
      url: m.article.url,
      headline: m.article.title,
      ...(m.article.outlet ? { publisher: { '@type': 'Organization', name: m.article.outlet } } : {}),
      ...(m.article.publishedAt ? { datePublished: m.article.publishedAt.toISOString() } : {}),
    }));
  const first = result.firstSeen;
  return {
    '@context': 'https://schema.org' as const,
    '@type': 'ClaimReview' as const,
    claimReviewed: result.claim.quote,
    datePublished: reviewedAt.toISOString(),
    author: { '@type': 'Organization', name: publisher },
    reviewBody: result.explanation,
    reviewRating: {
      '@type': 'Rating',
      ratingValue: rating.value,
      bestRating: 5,
      worstRating: 1,
      alternateName: rating.name,
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(result.claim.speaker ? { author: { '@type': 'Person', name: result.claim.speaker } } : {}),
      ...(appearances.length ? { appearance: appearances } : {}),
      ...(first?.article.url
        ? { firstAppearance: { '@type': 'CreativeWork', url: first.article.url, headline: first.article.title } }
        : {}),
    },
  };
}
