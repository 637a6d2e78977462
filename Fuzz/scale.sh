#!/usr/bin/env bash
# Reads a generated extract of SIZE_MB megabytes (default 1024) with `kpidash check` and reports the
# peak resident memory, for two shapes of extract an unattended job may meet:
#
#   national   every row a new figure (authority × indicator × month × breakdown): the whole extract
#              must be held as the dataset, so memory grows with it, by a bounded factor
#   runaway    an export stuck in a loop, the same rows over and over: every repeat is an error, and
#              the report (and memory beyond the file itself) must stay bounded, not grow per row
#
#   Fuzz/scale.sh [SIZE_MB]
#
# Fails when a check crashes, gives the wrong exit status, or peaks above the limits below.
# KPIDASH_BIN picks the binary (default: a release build in .build-harden); KPIDASH_SCALE_WORK the
# folder for the generated extracts (default: a temporary folder, removed afterwards).
set -euo pipefail

size_mb="${1:-1024}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${KPIDASH_BIN:-}"
if [ -z "$bin" ]; then
  swift build -c release --scratch-path "$root/.build-harden" --product kpidash 2>&1 | tail -n 1
  bin="$root/.build-harden/release/kpidash"
fi
work="${KPIDASH_SCALE_WORK:-$(mktemp -d -t kpidash-scale.XXXXXX)}"
[ -n "${KPIDASH_SCALE_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
bytes=$((size_mb * 1024 * 1024))

dataset() { # NAME: a dataset folder with the two-indicator catalogue
  mkdir -p "$work/$1/extracts"
  printf 'id,name,area,unit,polarity\nre_referral_rate,Re-referrals,First Response,percent,lower\nnew_referrals,Referrals,First Response,count,neutral\n' \
    > "$work/$1/indicators.csv"
  printf '{"authority": "E10000018"}\n' > "$work/$1/dashboard.json"
}

# Streams rows until the file reaches the size; mode 0 gives each row a new breakdown, mode 1 repeats five rows.
generate() { # NAME MODE
  awk -v size="$bytes" -v mode="$2" 'BEGIN {
    print "indicator,period,authority,value,numerator,denominator,breakdown"
    while (total < size) {
      k = mode ? n % 5 : n
      line = sprintf("re_referral_rate,2017-09,E10000018,,%d,%d,Team %09d", 50 + k % 300, 400 + k % 100, k)
      print line; total += length(line) + 1; n++
    }
  }' > "$work/$1/extracts/2017-09.csv"
}

# Runs `kpidash check` under /usr/bin/time -v; prints the peak and fails on a wrong status or a peak over the limit.
measure() { # NAME EXPECTED-STATUS MAX-RSS-MB
  local status=0
  /usr/bin/time -v -o "$work/$1.time" "$bin" check "$work/$1" > "$work/$1.out" 2> "$work/$1.err" || status=$?
  local rss_kb wall lines
  rss_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$1.time")"
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$1.time")"
  lines="$(wc -l < "$work/$1.err")"
  printf 'scale: %-8s %5d MB extract: exit %d, peak RSS %d MB (%.1f x the file), %s wall, %d lines of report\n' \
    "$1" "$size_mb" "$status" $((rss_kb / 1024)) "$(awk -v r="$rss_kb" -v s="$size_mb" 'BEGIN { print r / 1024 / s }')" "$wall" "$lines"
  if [ "$status" -ne "$2" ]; then
    echo "scale: $1: expected exit $2" >&2; tail -n 5 "$work/$1.err" >&2; return 1
  fi
  if [ $((rss_kb / 1024)) -gt "$3" ]; then
    echo "scale: $1: peak RSS over the limit of $3 MB" >&2; return 1
  fi
}

dataset national; generate national 0
measure national 0 $((size_mb * 7))
rm -rf "$work/national"
dataset runaway; generate runaway 1
# The file itself, plus a bounded report: the reader holds the extract in memory, once.
measure runaway 1 $((size_mb + 512))
