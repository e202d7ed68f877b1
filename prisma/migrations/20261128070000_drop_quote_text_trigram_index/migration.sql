-- DropIndex
DROP INDEX "quotes_normalized_text_trgm_idx";
