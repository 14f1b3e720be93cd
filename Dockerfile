# The project's Node services, one multi-stage file so that npm dependencies
# and native TensorFlow are built once and shared by every image. Targets:
#   demo-api       the prediction API (also runs ./update-models.sh in a container)
#   data-science   Jupyter with the TypeScript kernel, for train.ipynb
#   ingest         the validating ingest CLI
# Build context: the repository root (docker-compose.yml sets it). The base
# images are the official ones; docker/bases/build.sh makes stand-ins where
# they cannot be pulled. Behind a TLS proxy, see docker/ca/README.md.

# --- toolchain: the full Node image, pip (for the TensorFlow wheel) and the
# extra CA certificates, for the stages that download. Never shipped.
FROM node:20.20-bookworm AS toolchain
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3-pip python3-venv \
    && rm -rf /var/lib/apt/lists/*
COPY docker/ca/ /opt/extra-ca/
RUN sh /opt/extra-ca/bundle.sh
ENV NODE_EXTRA_CA_CERTS=/opt/extra-ca/bundle.pem PIP_CERT=/opt/extra-ca/bundle.pem \
    RING_CACHE_DIR=/opt/ring-cache RING_TFJS_PROVISION=offline
WORKDIR /app
COPY package.json package-lock.json .npmrc tsconfig.base.json ./
COPY packages/zod-issues/package.json packages/zod-issues/
COPY packages/lease-lock/package.json packages/lease-lock/
COPY packages/child-process/package.json packages/child-process/
COPY packages/mlflow-server/package.json packages/mlflow-server/
COPY packages/ring-model/package.json packages/ring-model/
COPY packages/mlflow-client/package.json packages/mlflow-client/
COPY packages/charts/package.json packages/charts/
COPY data-engineering/package.json data-engineering/
COPY data-science/package.json data-science/
COPY demo-api/package.json demo-api/
COPY bench/package.json bench/
COPY demo/package.json demo/
COPY scripts/provision-tfjs.sh scripts/python-env.sh scripts/

# --- deps: every workspace's dependencies, and libtensorflow 2.21 with the
# tfjs-node addon built against it: the host's provisioning script, offline path.
FROM toolchain AS deps
RUN npm ci --no-audit --no-fund && bash scripts/provision-tfjs.sh

# --- build: the compiled workspaces
FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY packages packages
COPY data-engineering data-engineering
COPY data-science data-science
COPY demo-api demo-api
RUN npx tsc -b packages/zod-issues packages/lease-lock packages/child-process packages/ring-model packages/mlflow-client packages/charts data-engineering data-science demo-api

# --- api-deps: the API's production dependencies, native TensorFlow linked from deps' build
FROM toolchain AS api-deps
COPY --from=deps /opt/ring-cache/tfjs-native /opt/ring-cache/tfjs-native
RUN npm ci --omit=dev --no-audit --no-fund --workspace=@rings/demo-api \
    && bash scripts/provision-tfjs.sh

# --- ingest-deps: the ingest CLI's production dependencies (no TensorFlow).
# Ingest reads only @rings/ring-model/core, which loads no TensorFlow, but npm
# installs ring-model's whole dependency list: its TensorFlow JavaScript (about
# 280 MB) goes again here (tests/compose.test.ts checks ingest imports only core).
FROM toolchain AS ingest-deps
RUN npm ci --omit=dev --no-audit --no-fund --workspace=@rings/data-engineering \
    && rm -rf node_modules/@tensorflow

# --- jupyter: JupyterLab in the project's Python environment (cached apart from npm's changes)
FROM toolchain AS jupyter
COPY scripts/python/requirements-jupyter.txt scripts/python/
RUN bash scripts/python-env.sh jupyter

# --- demo-api: slim runtime, no compilers, no dev dependencies
FROM node:20.20-bookworm-slim AS demo-api
ENV NODE_ENV=production PORT=8080 MODEL_STORE_DIR=/models RING_WRITABLE_DIRS=/models TF_CPP_MIN_LOG_LEVEL=2
WORKDIR /app
COPY --from=api-deps /opt/ring-cache/tfjs-native /opt/ring-cache/tfjs-native
COPY --from=api-deps /app/node_modules node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/packages/zod-issues/package.json packages/zod-issues/
COPY --from=build /app/packages/zod-issues/dist packages/zod-issues/dist
COPY --from=build /app/packages/lease-lock/package.json packages/lease-lock/
COPY --from=build /app/packages/lease-lock/dist packages/lease-lock/dist
COPY --from=build /app/packages/ring-model/package.json packages/ring-model/
COPY --from=build /app/packages/ring-model/dist packages/ring-model/dist
COPY --from=build /app/packages/mlflow-client/package.json packages/mlflow-client/
COPY --from=build /app/packages/mlflow-client/dist packages/mlflow-client/dist
# the chart specs the pages import (specs/), and the renderer the chart CLI uses
# (started through child-process)
COPY --from=build /app/packages/child-process/package.json packages/child-process/
COPY --from=build /app/packages/child-process/dist packages/child-process/dist
COPY --from=build /app/packages/charts/package.json packages/charts/
COPY --from=build /app/packages/charts/dist packages/charts/dist
COPY --from=build /app/packages/charts/specs packages/charts/specs
COPY --from=build /app/packages/charts/render packages/charts/render
COPY --from=build /app/demo-api/package.json demo-api/
COPY --from=build /app/demo-api/dist demo-api/dist
COPY --from=build /app/demo-api/assets demo-api/assets
COPY scripts/doctor.js scripts/
COPY docker/entrypoint.sh /usr/local/bin/ring-entrypoint
EXPOSE 8080
# The entry point starts as root only to run the command as the clone's owner
# (never root); see docker/entrypoint.sh.
ENTRYPOINT ["ring-entrypoint"]
CMD ["node", "demo-api/dist/main.js"]

# --- ingest: slim runtime with the data-engineering CLI
FROM node:20.20-bookworm-slim AS ingest
ENV NODE_ENV=production RING_WRITABLE_DIRS="/app/data-science/data /app/data-engineering/ingest"
WORKDIR /app
COPY --from=ingest-deps /app/node_modules node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/packages/zod-issues/package.json packages/zod-issues/
COPY --from=build /app/packages/zod-issues/dist packages/zod-issues/dist
COPY --from=build /app/packages/lease-lock/package.json packages/lease-lock/
COPY --from=build /app/packages/lease-lock/dist packages/lease-lock/dist
COPY --from=build /app/packages/ring-model/package.json packages/ring-model/
COPY --from=build /app/packages/ring-model/dist packages/ring-model/dist
COPY --from=build /app/data-engineering/package.json data-engineering/
COPY --from=build /app/data-engineering/dist data-engineering/dist
COPY docker/entrypoint.sh /usr/local/bin/ring-entrypoint
ENTRYPOINT ["ring-entrypoint", "node", "data-engineering/dist/cli.js", "ingest"]
CMD ["--data_loc", "raw-data", "--file_name", "compounds.json", "--output_path", "data-science/data", "--dlq", "data-engineering/ingest/dlq.log"]

# --- data-science: Jupyter + tslab on the full Node image (it has python3),
# with every workspace built, for the notebook and the training CLI
FROM node:20.20-bookworm AS data-science
# fonts for the training plots' labels (rendered by sharp through fontconfig)
RUN apt-get update \
    && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=development RING_CACHE_DIR=/opt/ring-cache JUPYTER_IP=0.0.0.0 TF_CPP_MIN_LOG_LEVEL=2 \
    JUPYTER_CONFIG_DIR=/tmp/jupyter/config JUPYTER_DATA_DIR=/tmp/jupyter/data \
    JUPYTER_RUNTIME_DIR=/tmp/jupyter/runtime \
    RING_WRITABLE_DIRS="/app/data-science/data /app/data-science/models /app/data-science/reports"
WORKDIR /app
COPY --from=deps /opt/ring-cache/tfjs-native /opt/ring-cache/tfjs-native
COPY --from=jupyter /opt/ring-cache/venvs /opt/ring-cache/venvs
COPY --from=build /app /app
COPY scripts/python/requirements-jupyter.txt scripts/python/
# Jupyter keeps checkpoints beside the notebook: the folder is writable by
# whichever user the entry point picks (sticky, like /tmp). The kernel spec is
# installed now (and the .venv-jupyter link made), so nothing under /app
# changes at run time.
RUN chmod 1777 /app/data-science \
    && mkdir -p /app/data-science/.jupyter \
    && bash data-science/scripts/jupyter.sh kernelspec list \
    && rm -rf /tmp/jupyter
COPY docker/entrypoint.sh /usr/local/bin/ring-entrypoint
EXPOSE 8888
ENTRYPOINT ["ring-entrypoint"]
CMD ["bash", "data-science/scripts/jupyter.sh", "lab"]
