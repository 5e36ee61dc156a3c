# Shared set-up for scripts/wps, scripts/test and friends: installs what a fresh machine
# (Swift toolchain only) is missing. Sourced, not run.

wps_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Installs the Debian packages given that are not installed yet (apt-get, sudo when not root).
wps_apt_install_missing() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "wps: installing ${missing[*]} (apt-get)" >&2
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
    fi
}

# Debian packages the build needs: SQLite headers (GRDB), libedit (the line editor); libresolv
# (DNS for `domain check`) comes with libc6-dev.
wps_ensure_system_packages() {
    wps_apt_install_missing libsqlite3-dev libedit-dev libc6-dev
}

# The release builds link the Swift runtime and Foundation into the program
# (--static-swift-stdlib: no symbol lookups across twenty shared libraries at each start). wps-mcp
# links FoundationNetworking too (the MCP SDK's), which needs libcurl's development files.
wps_release_flags=(-c release --static-swift-stdlib)
wps_ensure_mcp_build_packages() {
    wps_apt_install_missing libcurl4-openssl-dev
}

# Debian packages the tests need besides, the real servers they start on loopback (each test runs
# its own process with its own configuration; no system service is used): dnsmasq (the binary
# only) for `domain check`, Dovecot for `mailbox verify`.
wps_ensure_test_packages() {
    wps_apt_install_missing dnsmasq-base dovecot-imapd
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

# What the benchmarks need: wrk (Debian) for the server benchmark, requests (PyPI) for the baselines,
# Dovecot (Debian) and aiosmtpd (PyPI) for the `verify` benchmark's mail servers.
wps_ensure_bench_tools() {
    wps_apt_install_missing dovecot-imapd
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
    if ! python3 -c "import aiosmtpd" 2>/dev/null; then
        echo "wps: installing aiosmtpd (pip)" >&2
        python3 -m pip install --quiet --disable-pip-version-check aiosmtpd >&2
    fi
}

# `swift format lint --strict` (the repository's .swift-format) over every Swift file but the two
# that scripts write and tests compare byte for byte (the fuzzer's command registry, the time
# zones). Prints each finding; fails on any.
wps_swift_format_lint() {
    local files
    files=$(cd "$wps_root" && find Package.swift Sources Tests Fuzz -name '*.swift' \
        -not -path 'Fuzz/Support/StandardRegistry.swift' \
        -not -path 'Sources/OutreachAPI/Validation/TimeZoneIdentifiers.swift' | sort)
    (cd "$wps_root" && swift format lint --strict --parallel $files)
}
