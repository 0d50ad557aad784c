#!/usr/bin/env bash
# Posts a stack's plan (build/render/STACK/SUMMARY.md) on a pull request: one comment per stack, updated in place on every push.
# Usage: scripts/post-plan-comment.sh STACK PR_NUMBER   (needs GH_TOKEN and GITHUB_REPOSITORY, as in GitHub Actions)
set -euo pipefail
stack="$1"
pr="$2"
summary="build/render/$stack/SUMMARY.md"
[ -f "$summary" ] || { echo "post-plan-comment: $summary is missing; run npm run render -- --stack $stack first" >&2; exit 2; }

marker="<!-- kafka-platform plan: $stack -->"
# GitHub refuses a comment over 65,536 characters; a longer plan is cut, and the full one is in the job's log.
body="$marker
$(head -c 60000 "$summary")"
[ "$(wc -c < "$summary")" -le 60000 ] || body="$body

… cut here: the full plan is in this workflow run's log (step \"Render the plan\")."

id="$(gh api "repos/$GITHUB_REPOSITORY/issues/$pr/comments" --paginate --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1)"
if [ -n "$id" ]; then
  gh api -X PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" -f body="$body" > /dev/null
else
  gh api -X POST "repos/$GITHUB_REPOSITORY/issues/$pr/comments" -f body="$body" > /dev/null
fi
echo "posted the $stack plan on pull request #$pr"
