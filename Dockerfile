# Build: pure Go, no cgo (modernc.org/sqlite), so the binary runs on distroless/static.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
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
