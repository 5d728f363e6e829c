# Front end: Leaflet and friends from npm, bundled into web/dist.
FROM node:20 AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

# Binary: pure Go, no cgo (modernc.org/sqlite), with the gazetteer and the
# map page embedded, so it runs on distroless/static.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /web/dist ./web/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/mentionmap ./cmd/mentionmap \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/mentionmap /mentionmap
COPY --from=build --chown=nonroot:nonroot /out/data /data
USER nonroot:nonroot
ENV MENTIONMAP_DB=/data/mentionmap.db MENTIONMAP_ADDR=:8080
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["/mentionmap"]
CMD ["serve"]
