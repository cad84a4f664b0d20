# Shared by scripts/demo and scripts/test: find Python ≥ 3.11, create .venv, install the project.
# Re-installs only when pyproject.toml changed (a stamp in .venv records its hash).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "helhed needs Python 3.11 or newer; none was found on PATH." >&2
  return 1
}

ensure_venv() {  # $1: the extras to install, e.g. "" or "[dev]"
  local extras="${1:-}"
  local stamp="$VENV/.helhed-installed"
  local want
  want="$(sha256sum "$ROOT/pyproject.toml" | cut -c1-64)$extras"
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> Creating $VENV"
    "$(find_python)" -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || ! grep -qxF "$want" "$stamp"; then
    echo "==> Installing helhed$extras into .venv"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT$extras"
    echo "$want" >"$stamp"
  fi
}

ensure_debian_packages() {  # installs the named Debian packages that are missing, when we can
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "warning: missing system packages (${missing[*]}) and no apt-get to install them" >&2
    return 1
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "==> Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}
