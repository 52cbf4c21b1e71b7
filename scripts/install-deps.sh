#!/usr/bin/env bash
# Installs crossclaim's build and test dependencies from Debian 12 packages.
# Idempotent: does nothing when every package is already installed.
#   scripts/install-deps.sh          build and run-time dependencies
#   scripts/install-deps.sh --python also what the Python package needs to run and to be
#                                    installed with pip (python/, docs/python.md)
#   scripts/install-deps.sh --test   also the test oracles (scikit-learn, chromium, clang), pytest and
#                                    Open MPI for the multi-rank tests of crossclaim-mpi
#   scripts/install-deps.sh --bench  the test set plus what the peers of bench/ need (xxhash for
#                                    datasketch's xxh32 path, perf and valgrind for profiles)
set -euo pipefail

build_pkgs=(
  g++ cmake ninja-build pkg-config git
  libeigen3-dev libxxhash-dev libicu-dev libboost-graph-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libsimdjson-dev libcli11-dev libfmt-dev libtbb-dev libsqlite3-dev
  pybind11-dev python3-dev
  libgumbo-dev zlib1g-dev
)
# Run time: WordNet's database, read by `crossclaim pairs` (similarity/wordnet.h).
runtime_pkgs=(wordnet-base)
# The Python package: numpy and scipy at run time, pip, setuptools and wheel to install it.
python_pkgs=(python3-numpy python3-scipy python3-pip python3-setuptools python3-wheel)
test_pkgs=(
  python3 python3-sklearn python3-numpy python3-scipy python3-jsonschema python3-pytest
  chromium clang libclang-rt-14-dev
  libopenmpi-dev openmpi-bin
)
bench_pkgs=(python3-xxhash linux-perf valgrind hyperfine)

pkgs=("${build_pkgs[@]}" "${runtime_pkgs[@]}")
if [[ "${1:-}" == "--test" ]]; then
  pkgs+=("${python_pkgs[@]}" "${test_pkgs[@]}")
elif [[ "${1:-}" == "--bench" ]]; then
  pkgs+=("${python_pkgs[@]}" "${test_pkgs[@]}" "${bench_pkgs[@]}")
elif [[ "${1:-}" == "--python" ]]; then
  pkgs+=("${python_pkgs[@]}")
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#pkgs[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
