# syntax=docker/dockerfile:1
# Production image: the gateway in front of real AWS IoT Jobs (IOT_UPSTREAM=aws).
# Node 24 is the current LTS; CI runs the test suite on Node 24 too, so the image never runs an untested
# runtime, and CI starts this image's exact command on a production-only install (.ci/prod-tree.sh).
# Pin the base by digest in your registry mirror (node:24-slim@sha256:...) for reproducible builds.
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
# The SDL is compiled into src/graphql/typeDefs.generated.ts (committed), so schema/ is not needed here.
COPY src ./src
# npm run build also bundles dist/start.js into dist/bundle/ (scripts/bundle.ts): what the image starts.
COPY scripts ./scripts
RUN npm run build

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Scripts are skipped: the production tree needs no build step of any dependency.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# HOST defaults to 0.0.0.0 under NODE_ENV=production. Authentication (AUTH_MODE and friends) and
# AWS_REGION are deployment settings: pass them with `docker run -e` or the orchestrator.
ENV NODE_ENV=production \
    IOT_UPSTREAM=aws \
    PORT=4000
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# package.json carries "type": "module", which dist/*.js need.
COPY package.json ./
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form so SIGTERM reaches Node directly (npm start would swallow it): the gateway then turns
# /readyz to 503, drains in-flight requests and exits. It starts no child processes, so no init is needed.
CMD ["node", "dist/main.js"]
