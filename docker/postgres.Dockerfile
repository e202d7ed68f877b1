# Postgres 17 with the rum extension (from the PGDG repository the image already
# uses), so that `npm run search-index -- rum` can give ranked search a RUM index.
FROM postgres:17
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-17-rum \
 && rm -rf /var/lib/apt/lists/*
