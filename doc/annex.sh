#!/bin/sh
# Render doc/annex-2024.png, the README's picture: the first page of the
# demo year's annex (cchc report 2024 -o annex.pdf) drawn by pdftoppm at
# 60 dpi.  Run from the source tree after make: sh doc/annex.sh
set -eu
cchc=${CCHC:-./cchc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cchc-doc.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
sh data/demo/build "$cchc" "$tmp/demo.db" >/dev/null
"$cchc" --db "$tmp/demo.db" year set 2024 decision-number "2729/QĐ-UBND"
"$cchc" --db "$tmp/demo.db" year set 2024 decision-date 31/12/2024
"$cchc" --db "$tmp/demo.db" report 2024 -o "$tmp/annex.pdf"
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$tmp/annex.pdf" doc/annex-2024
