#!/usr/bin/env bash
# Compiles the broken examples with javac and the Typeline processor, printing the real errors
# that README.md and docs/ERRORS.md show. Run from the repository root after `mvn -B -q install -DskipTests`.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cp_file=$(mktemp)
mvn -B -q -f "$root/processor/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
cp="$(cat "$cp_file"):$root/processor/target/classes"
out=$(mktemp -d)
for dir in broken caller; do
  echo "== docs/errors/$dir"
  (cd "$root/docs/errors/$dir" && javac -cp "$cp" -processorpath "$cp" -d "$out" com/example/iris/*.java)
done
rm -rf "$out" "$cp_file"
