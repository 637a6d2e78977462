#!/usr/bin/env bash
# CI: fuzz the CSV reader, the extract loader, the value and period parsers and the template engine
# for a short bounded time each, then kill 50 builds at random moments. Fails on any crash, hang
# (over 2 s) or memory blow-up (over 1 GB) the fuzzers find, and on any killed build that leaves the
# site neither the old one nor the new one, or leaves anything behind.
#
#   .ci/fuzz.sh            KPIDASH_FUZZ_SECONDS per target (default 25); KPIDASH_KILLS (default 50);
#                          KPIDASH_SCRATCH, a SwiftPM scratch path (default .build)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

step "fuzzing: csv, extract, value, period, mustache, ${KPIDASH_FUZZ_SECONDS:-25}s each"
Fuzz/run.sh "${KPIDASH_FUZZ_SECONDS:-25}"

step "kill builds at random moments: ${KPIDASH_KILLS:-50} times"
scratch=(--scratch-path "${KPIDASH_SCRATCH:-.build}")
swift build "${scratch[@]}" --product kpidash 2>&1 | tail -n 1
bin="$(swift build "${scratch[@]}" --show-bin-path)/kpidash"
work="$(mktemp -d -t kpidash-kills.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp -R SampleData "$work/changed"
printf 're_referral_rate,2017-09,Changed.,,,\n' >> "$work/changed/commentary.csv"
site="$work/out/site"

build() { "$bin" build "$1" --out "$site" --templates Templates 2>/dev/null; }
# One digest of every file's path and bytes.
digest() { (cd "$site" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16; }

# The quality page tells what changed since the build before, so each state is taken after a build of the other.
build "$work/changed"; build SampleData; original="$(digest)"
build "$work/changed"; updated="$(digest)"
build SampleData
[ "$(digest)" = "$original" ] || { echo "kills: two builds of the same inputs differ" >&2; exit 1; }
[ "$original" != "$updated" ] || { echo "kills: the changed dataset changed nothing" >&2; exit 1; }

interrupted=0
for ((kill = 1; kill <= ${KPIDASH_KILLS:-50}; kill++)); do
  # The binary itself in the background, not the function: killing a subshell would leave the build running.
  "$bin" build "$work/changed" --out "$site" --templates Templates 2>/dev/null & pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 400)))"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  now="$(digest)"
  if [ "$now" = "$original" ]; then
    interrupted=$((interrupted + 1))
  elif [ "$now" = "$updated" ]; then
    build SampleData
  else
    echo "kills: after kill $kill the site is neither the old one nor the new one" >&2
    exit 1
  fi
done
build "$work/changed"
[ "$(digest)" = "$updated" ] || { echo "kills: the build after the kills did not publish" >&2; exit 1; }
leftovers="$(find "$work/out" -mindepth 1 -maxdepth 1 ! -name site ! -name .site.lock)"
[ -z "$leftovers" ] || { echo "kills: left behind: $leftovers" >&2; exit 1; }
[ "$interrupted" -gt 0 ] || { echo "kills: no build was killed before it published; the check proved nothing" >&2; exit 1; }
echo "kills: ${KPIDASH_KILLS:-50} builds killed, $interrupted before publishing; the site was whole every time"

step "done"
