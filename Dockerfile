# syntax=docker/dockerfile:1
#
# One image for every Atelier process (gateway, workers, setup); the command picks the role:
#   docker run atelier:local gateway
#   docker run atelier:local worker --queue training
#
# Debian (glibc), not Alpine: the Temporal SDK's native core bridge and sharp's prebuilt
# libvips are glibc builds.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: production dependencies + prebuilt workflow bundle -----------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NODE_ENV=production

# Dependencies first so source edits do not reinstall them. tsx is a production dependency
# (the TypeScript sources run as they are), so dev dependencies are not needed.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY . .
# Bundles the workflow code once at build time (dist/workflow-bundle.js), so workers start
# without webpack and every replica runs byte-identical workflow code.
RUN node bin/atelier.mjs build-workflows && test -s dist/workflow-bundle.js

# ---- runtime --------------------------------------------------------------------------------
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    ATELIER_DATA_DIR=/data \
    ATELIER_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js
WORKDIR /app

# Application files stay owned by root (read-only for the app); only the data dir is writable.
# A named volume mounted on /data starts as a copy of this directory, owner included.
RUN mkdir -p /data && chown node:node /data
COPY --from=build /app /app

USER node
EXPOSE 3000
ENTRYPOINT ["node", "bin/atelier.mjs"]
CMD ["gateway"]
