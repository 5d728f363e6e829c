#!/usr/bin/env bash
# Builds mentionmap and runs its benchmark: a deterministic synthetic corpus
# (60,000 articles, about 1M mentions, by default), ingested and served by
# the real binary on loopback, measured into one Markdown table.
#   scripts/bench.sh [--articles N] [--wrk-seconds S] [--dir DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)/mentionmap
go build -o "$bin" ./cmd/mentionmap
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(go version | cut -d' ' -f3)"
"$bin" bench "$@"
