# One image for the API, the worker and the built agent desk.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY agent-desk/package.json agent-desk/
COPY integrations/package.json integrations/
COPY telephony/package.json telephony/
COPY templates/package.json templates/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

# The agent desk: static files behind nginx, which proxies /api and /socket.io to the backend.
FROM nginx:1.27-bookworm AS desk
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/agent-desk/dist /usr/share/nginx/html

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production TZ=Europe/Chisinau
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
CMD ["node", "backend/dist/main.js"]
