# The API, for running beside a Postgres server (see docker-compose.yml).
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app

COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
# The embedded Postgres is not used here (DATABASE_URL is set), so install scripts are skipped.
RUN npm ci --omit=dev --ignore-scripts && node scripts/prisma-generate.mjs

COPY tsconfig.json ./
COPY src ./src

USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:3000/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--max-old-space-size=512", "--max-semi-space-size=32", "--import", "tsx", "src/server.ts"]
