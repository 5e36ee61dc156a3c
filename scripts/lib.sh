# Shared set-up for scripts/wps, scripts/test and friends: installs what a fresh machine
# (Swift toolchain only) is missing. Sourced, not run.

wps_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages the build needs: SQLite headers (GRDB) and libedit (the line editor).
wps_ensure_system_packages() {
    local missing=()
    for pkg in libsqlite3-dev libedit-dev; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "wps: installing ${missing[*]} (apt-get)" >&2
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
    fi
}

# Mail servers the end-to-end tests of `mailbox verify` start on loopback: Dovecot (Debian; the
# package's own service is not needed: each test runs `dovecot -F` with its own configuration).
wps_ensure_test_servers() {
    if ! command -v dovecot >/dev/null 2>&1; then
        echo "wps: installing dovecot-imapd (apt-get)" >&2
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq dovecot-imapd >&2
    fi
}

# Python tools the tests use, from PyPI (aiosmtpd: the SMTP server of the `mailbox verify` tests).
wps_ensure_python_tools() {
    local missing=()
    python3 -c "import pexpect" 2>/dev/null || missing+=("pexpect")
    python3 -c "import jsonschema" 2>/dev/null || missing+=("jsonschema")
    python3 -c "import mcp" 2>/dev/null || missing+=("mcp")
    command -v schemathesis >/dev/null 2>&1 || python3 -c "import schemathesis" 2>/dev/null || missing+=("schemathesis")
    python3 -c "import aiosmtpd" 2>/dev/null || missing+=("aiosmtpd")
    if [ ${#missing[@]} -gt 0 ]; then
        echo "wps: installing ${missing[*]} (pip)" >&2
        python3 -m pip install --quiet --disable-pip-version-check "${missing[@]}" >&2
    fi
}

# What the benchmarks need: wrk (Debian) for the server benchmark, requests (PyPI) for the baselines.
wps_ensure_bench_tools() {
    if ! command -v wrk >/dev/null 2>&1; then
        echo "wps: installing wrk (apt-get)" >&2
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >&2
    fi
    if ! python3 -c "import requests" 2>/dev/null; then
        echo "wps: installing requests (pip)" >&2
        python3 -m pip install --quiet --disable-pip-version-check requests >&2
    fi
    if ! python3 -c "import mcp" 2>/dev/null; then
        echo "wps: installing mcp (pip)" >&2
        python3 -m pip install --quiet --disable-pip-version-check mcp >&2
    fi
}
