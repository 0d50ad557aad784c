#!/usr/bin/env bash
# Mutation testing, one folder at a time: `npm run test:mutation [FOLDER...]` (default: every folder below),
# then the score table of every folder that has results under reports/mutation/.
set -euo pipefail
cd "$(dirname "$0")/.."

FOLDERS=(catalog config specs platform render policy tools clients)
[ "$#" -gt 0 ] && FOLDERS=("$@")

status=0
for folder in "${FOLDERS[@]}"; do
    folder=${folder%/}
    [ -d "$folder" ] || { echo "test:mutation: no folder '$folder' (one of: catalog config specs platform render policy tools clients)" >&2; exit 2; }
    echo "::: mutation testing $folder/"
    MUTATION_FOLDER=$folder nice -n 10 npx stryker run stryker.config.mjs || status=1
done
node scripts/mutation-scores.mjs
exit "$status"
