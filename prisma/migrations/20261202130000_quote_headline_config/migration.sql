-- Search matches quotes through to_tsvector('english', unaccent(text)), so "cafe"
-- finds "café"; the snippet is made from the text as written, where the english
-- configuration reads "café" as a word of its own and marked nothing. This
-- configuration reads words as english does after taking off their accents, so
-- that every word search matched is marked in the snippet.
CREATE TEXT SEARCH CONFIGURATION "quote_headline" (COPY = english);
ALTER TEXT SEARCH CONFIGURATION "quote_headline"
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
