# The application image of docker-compose.yml: `npm start` (migrations, reference and demo data,
# deployment of processes/ and forms/, the job workers), on the engine CAMUNDA_REST_ADDRESS names.
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
WORKDIR /app

# Dependencies first, so that a change in the sources does not reinstall them. tsx, which runs the
# TypeScript sources, is a runtime dependency; dev dependencies (tests, lint, tsc) stay out.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit && npm cache clean --force

COPY tsconfig.json ./
COPY src ./src
COPY workers ./workers
COPY processes ./processes
COPY forms ./forms
COPY docker/app-healthcheck.ts ./docker/
COPY scripts/build-ui.ts ./scripts/

# The web pages are built here, as root, because /app stays read-only for the app's user; `npm start`
# then finds them up to date (a digest of their sources is kept beside them).
RUN node --import tsx scripts/build-ui.ts

# DATA_DIR (.data) is the only place the app writes to; everything else stays root's, read-only.
RUN mkdir .data && chown node:node .data
USER node

# The staff web app's port (PUBLIC_BASE_URL is where people reach it from outside).
EXPOSE 8080
CMD ["npm", "start"]
