# whoowns container image.
#   docker build -t whoowns .
#   docker run -d --name whoowns --env-file whoowns.env -v whoowns-data:/data -p 3000:3000 whoowns
#   docker run -it --rm whoowns          # no chat credentials: the local console on the demo account
# Three stages: compile with the dev dependencies, install the production dependencies where a
# compiler is available (better-sqlite3 is native), and copy only the results into a slim image.

# ---- build: TypeScript → dist/ ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would run tsc before the sources are here; nothing native is needed to compile.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
# bench/ is left out (.dockerignore): tsc builds what it finds of src, commands and bench.
RUN npm run build

# ---- deps: production node_modules only ----
FROM node:20-bookworm-slim AS deps
# better-sqlite3 downloads a prebuilt binary for this Node and libc; the toolchain is the fallback
# when none matches (another CPU architecture, no network to GitHub at build time).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts keeps `prepare` (tsc, a dev dependency) from running; then build the one native module.
RUN npm ci --omit=dev --ignore-scripts \
 && npm rebuild better-sqlite3 \
 && npm cache clean --force

# ---- runtime ----
FROM node:20-bookworm-slim
# The heap cap keeps V8 collecting early instead of growing towards a quarter of the host's RAM
# (bench/load.ts: flat memory with it); raise it for very large accounts.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=512 \
    WHOOWNS_DATA_DIR=/data \
    PORT=3000
# Not set here on purpose: ALIBABA_CLOUD_ECS_METADATA_DISABLED (it would switch off the ECS
# instance RAM role) and any credential. Pass them at run time (see README, Deployment).
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/commands ./dist/commands
COPY package.json ./
# Read at run time: the knowledge base, the demo account's emulator scenarios, and the trend
# chart's font (resvg is given only that one, so the image needs no system fonts).
COPY knowledge ./knowledge
COPY assets ./assets
COPY src/emulator/scenarios ./src/emulator/scenarios
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# /healthz is served by the Slack receiver (HTTP or Socket Mode) or, for DingTalk only, by a small
# probe server; the slim image has no curl, so node asks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/src/main.js"]
