# syntax=docker/dockerfile:1
# Multi-stage build: install and build with dev dependencies, then ship only what runs.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/data
WORKDIR /app
RUN useradd --system --uid 10001 --home /app skinspire && mkdir -p /data && chown skinspire /data
COPY --from=build --chown=skinspire /app/package.json ./
COPY --from=build --chown=skinspire /app/node_modules ./node_modules
COPY --from=build --chown=skinspire /app/build ./build
COPY --from=build --chown=skinspire /app/server ./server
COPY --from=build --chown=skinspire /app/src/lib ./src/lib
COPY --from=build --chown=skinspire /app/migrations ./migrations
COPY --from=build --chown=skinspire /app/scripts ./scripts
USER skinspire
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Node 24 runs the TypeScript entry directly (type stripping).
CMD ["node", "server/index.ts"]
