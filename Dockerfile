# syntax=docker/dockerfile:1
# dipgraph image: a static binary on distroless. Used by docker-compose.yml;
# deploy/compose_test.go checks that it builds ./cmd/dipgraph.

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so source edits reuse the downloaded-modules layer.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# CGO off: the embedded store is pure Go (modernc.org/sqlite), so the binary is static.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/dipgraph ./cmd/dipgraph

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/dipgraph /usr/local/bin/dipgraph
# The embedded store's default directory, for runs without NEO4J_URI.
WORKDIR /home/nonroot
ENV DIPGRAPH_DATA=/home/nonroot/dipgraph-data
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/dipgraph"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
