// An invented article in news style for the verification tests: an unnamed
// official with a negation, a number, a father and son with one surname, a
// quotation split by its attribution and one running over two paragraphs.

export const harbourArticle = {
  title: 'Harbour town weighs new sea wall after winter storms',
  url: 'https://coastal-ledger.example/2025/02/14/sea-wall',
  outlet: 'The Coastal Ledger',
  author: 'Priya Castellano',
  publishedAt: '2025-02-14T09:00:00Z',
  body: [
    'Harbour town weighs new sea wall after winter storms',
    '',
    'By Priya Castellano',
    '',
    'KESTREL BAY — Engineers told the town council on Thursday that the old sea wall could fail within a decade, as officials weighed whether to rebuild it or move the harbour road inland.',
    '',
    '"The repair schedule is not settled from our point of view," a senior county official told reporters after the meeting.',
    '',
    '"We have waited 30 years for a proper defence on this coast," said Robert Whittle, who chairs the harbour trust, "and it would be a mistake to patch it up once more."',
    '',
    'His son, Jason Whittle, who runs a boatyard on the quay, was more cautious. "The money will come from the fishing families first," Jason Whittle said.',
    '',
    '"Nobody on this council wants to abandon the old quarter," Mayor Elena Marsh said. "We will consult every household before a single stone is moved."',
    '',
    'Tomasz Kowal, the council\'s coastal engineer, said the survey left little room for doubt. "Our survey found that the cliff path has lost four metres since the autumn.',
    '',
    '"The county cannot ignore that figure any longer, and neither can we."',
    '',
    'The council will vote on the plans in March.',
  ].join('\n'),
};
