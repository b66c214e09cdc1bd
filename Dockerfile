# Technician Scheduler: the app and API on port 3000. `docker compose up` runs it with PostgreSQL 16.
# Three stages: dependencies, build (client + server bundle, then dev dependencies dropped), and a
# slim Node 22 runtime with only what `npm run start:prod` needs. CI runs the same npm commands in a
# clean folder (scripts/ci-image-steps.mjs), since its machine has no Docker daemon.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/drizzle/migrations ./drizzle/migrations
COPY --from=build /app/scripts/server-command.mjs ./scripts/server-command.mjs
# Data (embedded database when DATABASE_URL is unset, automatic backups) lives in a volume, owned by
# the unprivileged `node` user the server runs as.
RUN mkdir -p /data/backups && chown -R node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) shuts down gracefully: requests under way finish, then the database closes.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
