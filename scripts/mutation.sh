#!/usr/bin/env bash
# Mutation testing: `npm run test:mutation [FOLDER...]` mutates each folder in turn (default: all of them);
# `npm run test:mutation -- guarantees` only the code that keeps users' data and access safe, which must
# leave no mutant alive. Prints the score table of every folder with results under reports/mutation/.
# Arguments that start with "--" go to Stryker: --ignoreStatic leaves out the mutants only a module's loading
# reaches, --force re-tests every mutant instead of reusing the last run's results.
set -euo pipefail
cd "$(dirname "$0")/.."

STRYKER_FLAGS=()
NAMED=()
for arg in "$@"; do
    case "$arg" in
        --*) STRYKER_FLAGS+=("$arg") ;;
        *) NAMED+=("$arg") ;;
    esac
done
set -- ${NAMED[@]+"${NAMED[@]}"}

ALL_FOLDERS=(catalog config specs platform render policy tools clients)
# The data-loss guard, the ACL builder, the mirror pattern, secret redaction, the guardrails, the drift
# comparison and the client library's delivery guarantees.
GUARANTEES=(
    specs/topic-state.ts platform/catalog.ts specs/kafka-users.ts specs/mirror-maker.ts render/output.ts
    policy/rules/*.ts tools/drift.ts clients/producer.ts clients/consumer.ts clients/dead-letter.ts
)
# The tests that state those guarantees (the policy pack's served test runs the pack in another process, out of
# Stryker's sight); a mutant only a whole-stack test would notice counts as surviving.
GUARANTEE_TESTS=(
    tests/catalog/topic-state.test.ts tests/platform/catalog.test.ts tests/specs/kafka-users.test.ts tests/specs/mirror-maker.test.ts
    tests/render/output.test.ts tests/unit/tools/drift.test.ts
    tests/policy/bucket-safety.test.ts tests/policy/check-rendered.test.ts tests/policy/no-plain-secrets.test.ts tests/policy/partition-increase.test.ts
    tests/policy/policy-config.test.ts tests/policy/protect-stateful.test.ts tests/policy/storage-claims.test.ts tests/policy/topic-consumers.test.ts
    tests/policy/topic-durability.test.ts tests/policy/unclean-leader-election.test.ts
    tests/unit/clients/producer.test.ts tests/unit/clients/consumer.test.ts tests/unit/clients/dead-letter.test.ts
)

stryker() { nice -n 19 npx stryker run stryker.config.mjs ${STRYKER_FLAGS[@]+"${STRYKER_FLAGS[@]}"}; }
# The client library's typed topic names are written from the catalog, not committed.
npm run -s generate:clients

if [ "${1:-}" = "guarantees" ]; then
    files=$(IFS=,; echo "${GUARANTEES[*]}")
    tests=$(IFS=,; echo "${GUARANTEE_TESTS[*]}")
    MUTATION_FILES=$files MUTATION_TESTS=$tests MUTATION_FOCUS_NAME=guarantees stryker
    node scripts/mutation-scores.mjs --files reports/mutation-focus
    exit 0
fi

FOLDERS=("${ALL_FOLDERS[@]}")
[ "$#" -gt 0 ] && FOLDERS=("$@")
status=0
for folder in "${FOLDERS[@]}"; do
    folder=${folder%/}
    [ -d "$folder" ] || { echo "test:mutation: no folder '$folder' (one of: ${ALL_FOLDERS[*]}, or guarantees)" >&2; exit 2; }
    echo "::: mutation testing $folder/"
    MUTATION_FOLDER=$folder stryker || status=1
done
node scripts/mutation-scores.mjs reports/mutation
exit "$status"
