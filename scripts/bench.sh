#!/usr/bin/env bash
# Builds mentionmap and runs its benchmark: a deterministic synthetic corpus
# (60,000 articles, about 1M mentions, by default), ingested and served by
# the real binary on loopback, measured into one Markdown table.
#   scripts/bench.sh [--articles N] [--wrk-seconds S] [--dir DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
go build -o "$dir/mentionmap" ./cmd/mentionmap
go build -o "$dir/mentionmap-bench" ./cmd/mentionmap-bench
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(go version | cut -d' ' -f3)"
"$dir/mentionmap-bench" --bin "$dir/mentionmap" "$@"
