#!/usr/bin/env bash
# Counts how often one cold run on schemas/ walks schemas: calls of subschemas() (the one schema
# walker), valueAtPointer and appendPointer, and nodes visited by graph walks. It builds <commit>
# (default HEAD) in a scratch worktree, patches counters into that build's dist/ only, and runs it.
# Usage: scripts/count-walks.sh [commit]
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
commit=$(git -C "$repo" rev-parse --short "${1:-HEAD}")
scratch=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$scratch/tree" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
git -C "$repo" worktree add -q --detach "$scratch/tree" "$commit"
cd "$scratch/tree"
ln -s "$repo/node_modules" node_modules
node node_modules/typescript-native/bin/tsc -p tsconfig.build.json
count() { # file, function head as written in the build, counter name
  grep -q "$2" "$1" || { echo "count-walks: no '$2' in $1" >&2; exit 1; }
  sed -i "s/$2/& globalThis.__count(\"$3\");/" "$1"
}
count dist/src/json-pointer.js '^export function appendPointer(.*) {' appendPointer
count dist/src/json-pointer.js '^export function valueAtPointer(.*) {' valueAtPointer
count dist/src/schema-walk.js '^export function subschemas(schema) {' 'subschemas()'
if [ -f dist/src/graph.js ]; then count dist/src/graph.js '^    \*descendants(root) {' 'graph.descendants() nodes'; fi
cat > "$scratch/counters.cjs" <<'JS'
globalThis.__counts = {};
globalThis.__count = (name) => { globalThis.__counts[name] = (globalThis.__counts[name] ?? 0) + 1; };
process.on("exit", () => process.stdout.write(`${JSON.stringify(globalThis.__counts)}\n`));
JS
mkdir "$scratch/project"
cp -r "$repo/schemas" "$repo/codegen.config.json" "$scratch/project/"
echo '{}' > "$scratch/project/package.json"
cd "$scratch/project"
echo "schema objects in schemas/: $(node -e '
const fs = require("fs"), path = require("path");
let n = 0;
const walk = (v) => { if (v && typeof v === "object") { if (!Array.isArray(v)) n++; for (const x of Object.values(v)) walk(x); } };
for (const f of fs.readdirSync("schemas", { recursive: true })) if (f.endsWith(".json")) walk(JSON.parse(fs.readFileSync(path.join("schemas", f), "utf8")));
console.log(n);') (JSON objects, an upper bound)"
echo "at $commit:"
node -r "$scratch/counters.cjs" "$scratch/tree/bin/codegen.js" -q -o out
