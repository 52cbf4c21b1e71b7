#!/bin/sh
# The pip installation of docs/python.md, checked without rebuilding the engine: pip builds
# the package from a copy of python/ with setup.py reusing this build tree
# (CROSSCLAIM_CMAKE_BUILD_DIR), installs it into a temporary --target with no index (nothing
# can be downloaded), and the installed copy is imported from there.
# Usage: pip_install_test.sh PYTHON SOURCE_DIR BUILD_DIR
set -eu
python=$1
src=$2
build=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossclaim_pip.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/src"
cp -r "$src/python/crossclaim" "$src/python/setup.py" "$src/python/pyproject.toml" \
  "$src/python/README.md" "$tmp/src/"
rm -rf "$tmp/src/crossclaim/__pycache__"
CROSSCLAIM_CMAKE_BUILD_DIR=$build "$python" -m pip install --quiet --no-build-isolation \
  --no-index --no-deps --root-user-action=ignore --target "$tmp/site" "$tmp/src"
ls "$tmp/site/crossclaim/" | grep -q '^_crossclaim.*\.so$'
test -f "$tmp/site/crossclaim/_crossclaim.pyi" && test -f "$tmp/site/crossclaim/py.typed"
cd "$tmp"
PYTHONPATH="$tmp/site" "$python" -c "
import crossclaim
assert crossclaim.__file__.startswith('$tmp/site/'), crossclaim.__file__
pairs = crossclaim.dedup(['one two three four five six', 'x y', 'one two three four five six'])
assert [(p.a, p.b, p.jaccard) for p in pairs] == [(0, 2, 1.0)], pairs
print('installed and imported from', crossclaim.__file__)
"
