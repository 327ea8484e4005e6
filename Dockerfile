# syntax=docker/dockerfile:1
#
# `qoltanba serve` (NCANode's routes and the library's own) in a distroless image that runs
# as a non-root user. Stateless: give it the trust anchors, intermediates and CRLs (a
# volume, or baked into an image of your own), and run as many replicas as the load needs
# behind any load balancer, each with its own CRLs.
#
#   docker build -t qoltanba .
#   docker run --rm -p 14579:14579 -v /srv/nca:/nca:ro qoltanba \
#       --trust /nca/root_rsa.cer --intermediate /nca/nca_rsa.cer --crl /nca/nca_rsa.crl
#
# Every flag can also come from QOLTANBA_* variables or a --config TOML file (README, "The
# service"). The image listens on 0.0.0.0:14579 (QOLTANBA_LISTEN) and stops on SIGTERM
# after the requests in flight.

FROM rust:1-slim-bookworm AS build
WORKDIR /src
# The manifest, the lock file and every target the manifest names (tests, benches and
# examples are not built, but Cargo reads their paths).
COPY Cargo.toml Cargo.lock build.rs README.md ./
COPY src src
COPY tests tests
COPY benches benches
COPY examples examples
RUN cargo build --release --locked --features "cli server" --bin qoltanba \
    && strip target/release/qoltanba

# glibc and libgcc, nothing else: no shell, no package manager; user 65532.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /src/target/release/qoltanba /usr/local/bin/qoltanba
USER nonroot:nonroot
ENV QOLTANBA_LISTEN=0.0.0.0:14579
EXPOSE 14579
ENTRYPOINT ["/usr/local/bin/qoltanba", "serve"]
