"""What every `wps` call loads: the MCP server is a program of its own (`wps-mcp`, exec'd by
`wps mcp`), so the MCP SDK's HTTP stack (FoundationNetworking, libcurl, GnuTLS, Kerberos, LDAP)
is not mapped by a `-c` call, a script or a completion. The bench's start-up row measures the
time; this keeps the structure that the time depends on."""
import shutil
import subprocess

from conftest import wps_binary

NETWORKING_STACK = ("libFoundationNetworking", "libcurl", "libgnutls", "libkrb5", "libldap")


def linked_libraries(binary):
    out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True)
    return out.stdout


def test_wps_does_not_link_the_mcp_sdks_http_stack():
    libraries = linked_libraries(wps_binary())
    for name in NETWORKING_STACK:
        assert name not in libraries, f"wps links {name}: what only wps mcp needs is loaded by every call"


def test_wps_mcp_is_the_server_beside_wps():
    server = wps_binary().parent / "wps-mcp"
    assert server.exists()
    out = subprocess.run([str(wps_binary()), "mcp", "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "Model Context Protocol" in out.stdout


def test_wps_mcp_missing_says_where_it_was_looked_for(tmp_path):
    """A `wps` copied alone: `wps mcp` names the program it needs and where, exit 2."""
    lone = tmp_path / "wps"
    shutil.copy2(wps_binary(), lone)
    out = subprocess.run([str(lone), "mcp", "--sandbox"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert f"wps-mcp, expected beside wps at {tmp_path}/wps-mcp" in out.stderr
    assert "swift build --product wps-mcp" in out.stderr
    assert out.stdout == ""


def test_a_symbolic_link_to_wps_finds_wps_mcp_beside_the_real_binary(tmp_path):
    """Installed as a link (`~/bin/wps -> …/release/wps`), `wps mcp` still finds its server."""
    link = tmp_path / "wps"
    link.symlink_to(wps_binary())
    out = subprocess.run([str(link), "mcp", "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
