# syntax=docker/dockerfile:1
# One image for the three processes and the operator's command; the command chooses:
#   docker run IMAGE api | gateway | web          the servers
#   docker run -i IMAGE create-admin --email ...  any `shopreg` command (migrate, check-config, ...)
# Every RUN below is a command CI runs too (.ci/run: the install, and scripts/production-walk.sh:
# pnpm build, then scripts/deploy.sh, then the walk from the deployed folder), since CI has no
# container engine to build this file with.

FROM node:20-bookworm-slim AS build
RUN npm install -g pnpm@10.34.9
WORKDIR /src
COPY . .
RUN pnpm install --frozen-lockfile
RUN TURBO_TELEMETRY_DISABLED=1 pnpm build
# pnpm deploy --prod of each app: the bundles and their runtime dependencies only.
RUN scripts/deploy.sh /opt/shopreg

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    GATEWAY_HOST=0.0.0.0 \
    WEB_HOST=0.0.0.0 \
    GATEWAY_SPILL_FILE=/var/lib/shopreg/gateway-clicks.spill.jsonl \
    MAIL_DIR=/var/lib/shopreg/mail
COPY --from=build /opt/shopreg /opt/shopreg
COPY deploy/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN ln -s /opt/shopreg/shopreg /usr/local/bin/shopreg \
 && mkdir -p /var/lib/shopreg && chown node:node /var/lib/shopreg
# The image's own unprivileged user (uid 1000); nothing under /opt/shopreg is writable by it.
USER node
WORKDIR /opt/shopreg
VOLUME /var/lib/shopreg
EXPOSE 4000 4100 4200 4300
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["--help"]
