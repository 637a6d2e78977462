#!/usr/bin/env bash
# Builds kpidash's libFuzzer targets and runs each for SECONDS (default 60), seeded from the test corpus.
#
#   Fuzz/run.sh [SECONDS] [TARGET...]      targets: csv extract value period mustache (default: all)
#
# Work goes to $KPIDASH_FUZZ_WORK (default .build-fuzz/): the binaries, each target's growing corpus
# (kept between runs, so fuzzing resumes where it stopped) and findings/, where libFuzzer writes any
# input that crashed, hung (over 2 s) or used more than 1 GB. Exits 1 when a target found something.
# Linux only: SwiftPM cannot build a fuzzer, so the modules are compiled with swiftc directly.
set -euo pipefail

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv extract value period mustache)

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${KPIDASH_FUZZ_WORK:-$root/.build-fuzz}"
mkdir -p "$work"/{modules,objects,bin,seeds,corpus,findings,logs}

# --- build ----------------------------------------------------------------------------------------
# Each module is compiled on its own, with coverage and address sanitiser, into one object file and a
# .swiftmodule, so the targets can `import KPIIngest` as the package does.
flags=(-O -g -parse-as-library -sanitize=fuzzer,address -module-cache-path "$work/module-cache" -I "$work/modules")
module() { # NAME: compile Sources/NAME into objects/NAME.o, unless it is newer than every source
  local name="$1" object="$work/objects/$1.o"
  if [ -f "$object" ] && [ -z "$(find "$root/Sources/$name" -name '*.swift' -newer "$object")" ]; then return; fi
  echo "fuzz: compiling $name"
  swiftc "${flags[@]}" -module-name "$name" -wmo -emit-module -emit-module-path "$work/modules/$name.swiftmodule" \
    -c $(find "$root/Sources/$name" -name '*.swift' | sort) -o "$object"
}
module Toolkit
module KPIModel
module KPIIngest
module Mustache

declare -A source=([csv]=CSVReaderFuzz [extract]=ExtractFuzz [value]=ValueParserFuzz [period]=PeriodParserFuzz [mustache]=MustacheFuzz)
declare -A objects=([csv]="Toolkit KPIModel KPIIngest" [extract]="Toolkit KPIModel KPIIngest" [value]="Toolkit KPIModel KPIIngest" [period]="Toolkit KPIModel KPIIngest" [mustache]="Mustache")
for target in "${targets[@]}"; do
  [ -n "${source[$target]:-}" ] || { echo "fuzz: unknown target $target (csv extract value period mustache)" >&2; exit 2; }
  binary="$work/bin/$target"
  inputs=("$here/Targets/${source[$target]}.swift")
  for name in ${objects[$target]}; do inputs+=("$work/objects/$name.o"); done
  if [ ! -x "$binary" ] || [ -n "$(find "${inputs[@]}" -newer "$binary")" ]; then
    echo "fuzz: linking $target"
    # ld.gold warns about every sanitiser symbol it cannot export; those warnings are noise.
    swiftc "${flags[@]}" "${inputs[@]}" -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)
  fi
done

# --- seeds ----------------------------------------------------------------------------------------
# The first byte of a csv input picks the encoding and of a period input the financial-year start month.
seed() { # TARGET NAME PREFIX-BYTE-ESCAPE TEXT-FILE-OR-STRING...
  local dir="$work/seeds/$1"; mkdir -p "$dir"
  { printf "$3"; cat; } > "$dir/$2"
}
rm -rf "$work/seeds"
while IFS= read -r file; do
  name="$(echo "${file#$root/Tests/KPIIngestTests/Corpus/}" | tr / _)"
  seed csv "$name" '\000' < "$file"
  seed csv "1252-$name" '\001' < "$file"
  seed extract "$name" '' < "$file"
done < <(find "$root/Tests/KPIIngestTests/Corpus" -name '*.csv' | sort)
n=0
for text in 18.5 '18.5%' '12.5 %' '1,234' '1,234,567.25' ' 18.5 ' '12.5 u' '12.5% u' -3 +3 007 .5 5. c x TBC - z N/A NA u nan inf \
            -Infinity 1e3 2.5E-2 0x1p3 '£1,000' '(12)' '1,23' '18,5%' 123456789012345678901234567890 0.000000000000000000000000123; do
  printf '%s' "$text" | seed value "v$((n++))" ''
done
for text in 2017-09 2017-9 2011-12 2017-09-01 2016-02-29 Sep-17 SEPT-17 'Sept 2017' 'September 2017' Sep-2017 2016/17 2016/2017 \
            1999/00 '2017/18 Q2' 2017/18Q4 2017 01/09/2017 1.9.17 30/09/2017 42979 'Sep 17' 17-09 9/17 17/18 2017-13 201709 FY2016/17; do
  printf '%s' "$text" | seed period "p$((n++))" '\003'
done
while IFS= read -r file; do
  seed mustache "$(basename "$(dirname "$file")")_$(basename "$file")" '' < "$file"
done < <(find "$root/Templates" -name '*.mustache' | sort)
for text in '{{>t}}' '{{#list}}{{name}}{{/list}}' '{{<p}}{{$b}}x{{/b}}{{/p}}' '{{=<% %>=}}<% name %>' '{{{name}}}{{&name}}' '{{^none}}-{{/none}}' '{{a.b.c}}' \
            '  {{#flag}}\n  {{/flag}}\n' '{{! comment }}'; do
  printf '%b' "$text" | seed mustache "m$((n++))" ''
done

# Words libFuzzer splices in: the bytes each grammar turns on (libFuzzer's dictionary format).
cat > "$work/csv.dict" <<'WORDS'
","
"\""
"\"\""
"\x0d\x0a"
"\x0d"
"\x0a"
"\xef\xbb\xbf"
"\x00"
"\xc2\xa0"
"indicator,value\x0a"
"re_referral_rate"
WORDS
cp "$work/csv.dict" "$work/extract.dict"
cat > "$work/value.dict" <<'WORDS'
"%"
"u"
"."
","
"nan"
"inf"
"e"
"0x"
"\xc2\xa3"
"("
"NA"
"TBC"
WORDS
cat > "$work/period.dict" <<'WORDS'
"Sept"
"September"
"Q"
"/"
"-"
" "
"2017"
"17"
"09"
WORDS
cat > "$work/mustache.dict" <<'WORDS'
"{{"
"}}"
"{{#"
"{{/"
"{{^"
"{{>"
"{{<"
"{{$"
"{{="
"{{{"
"}}}"
"{{&"
"{{!"
"=}}"
"\x0a"
"t"
"list"
WORDS

# --- run ------------------------------------------------------------------------------------------
found=()
for target in "${targets[@]}"; do
  mkdir -p "$work/corpus/$target"
  log="$work/logs/$target.log"
  echo "fuzz: $target for ${seconds}s"
  if "$work/bin/$target" "$work/corpus/$target" "$work/seeds/$target" -dict="$work/$target.dict" \
       -max_total_time="$seconds" -timeout=2 -rss_limit_mb=1024 -max_len=4096 -print_final_stats=1 \
       -artifact_prefix="$work/findings/$target-" > "$log" 2>&1; then
    runs="$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo '?')"
    echo "fuzz: $target ok, $runs runs, corpus $(ls "$work/corpus/$target" | wc -l) inputs"
  else
    echo "fuzz: $target FOUND A PROBLEM; log $log, input:" >&2
    grep -E 'ERROR|Fatal error|Test unit written|SUMMARY' "$log" | head -n 8 >&2
    found+=("$target")
  fi
done
if [ ${#found[@]} -gt 0 ]; then
  echo "fuzz: findings in ${found[*]}; inputs are in $work/findings/ (see Fuzz/README.md)" >&2
  exit 1
fi
