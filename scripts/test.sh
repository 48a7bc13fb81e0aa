#!/usr/bin/env bash
# The jest part of `npm test`, in two lanes side by side (jest.config.js): the suites that start a
# Neo4j of their own, which mostly wait on it starting and stopping, beside those that share the
# run's Neo4j one file at a time. Neo4j is fetched first, so the lanes never download it together.
# Arguments go to both lanes (a lane without a matching file passes).
set -uo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/neo4j.ts fetch >/dev/null || exit 1
npx jest --selectProjects own-neo4j --passWithNoTests "$@" &
own=$!
npx jest --selectProjects shared-neo4j --passWithNoTests "$@"
shared=$?
wait "$own"
own=$?
[ "$shared" -eq 0 ] && [ "$own" -eq 0 ]
