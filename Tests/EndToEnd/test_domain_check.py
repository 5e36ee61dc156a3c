"""`domain check` end to end: the built binary asks a real dnsmasq on loopback (started per
test with the records below) through glibc's libresolv; no profile and no API key."""
import asyncio
import json
import os
import socket
import subprocess

from conftest import dnsmasq

# A 1024-bit RSA public key (DER SubjectPublicKeyInfo, base64), as a DKIM record publishes it.
KEY = ("MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCrX15TAUQvc+USvjoeonQe3hlp8JSHVcsVbK+K9719dYd/gusIFOcHPYnU1xOfcXZGSxv2q"
       "PorHjvpOJwR1i1M1K/yiFgiM1SDoifMUquMF/dZrPMXodQ902Haj3pNTWpKDJSSRbSQVzXXZhXFyfncbaQ9/P8TT7q2Lc5VBrf/vwIDAQAB")


def sending_domain(name, spf, dmarc=None, dkim=("google",), mx=True):
    records = [f"--txt-record={name},{spf}"]
    if mx:
        records += [f"--mx-host={name},mx1.{name},10", f"--host-record=mx1.{name},192.0.2.10"]
    if dmarc:
        records.append(f"--txt-record=_dmarc.{name},{dmarc}")
    records += [f"--txt-record={selector}._domainkey.{name},v=DKIM1; k=rsa; p={KEY}" for selector in dkim]
    return records


RECORDS = [
    *sending_domain("good.test", "v=spf1 include:_spf.google.com ~all", "v=DMARC1; p=reject; rua=mailto:d@good.test"),
    "--txt-record=_spf.google.com,v=spf1 ip4:35.190.247.0/24 ~all",
    # 2 includes + 5 a: each → 12 lookups
    *sending_domain("heavy.test", "v=spf1 include:n1.heavy.test include:n2.heavy.test ~all",
                    "v=DMARC1; p=quarantine; rua=mailto:d@heavy.test"),
    *[f"--txt-record=n{n}.heavy.test,v=spf1 " + " ".join(f"a:h{i}.heavy.test" for i in range(5)) + " -all"
      for n in (1, 2)],
    *sending_domain("nodmarc.test", "v=spf1 mx -all", dkim=("s1",)),
    *sending_domain("nomx.test", "v=spf1 ip4:192.0.2.0/24 -all", "v=DMARC1; p=none; rua=mailto:d@nomx.test",
                    mx=False),
    "--cname=track.good.test,open.sender.test",
    "--host-record=open.sender.test,192.0.2.20",
    # A tracking CNAME to a name without an address: links through it are dead.
    "--cname=dead.good.test,gone.sender.test",
    "--txt-record=gone.sender.test,not an address",
]


def check(wps, server, line, stdin=None, cwd=None):
    """Runs the wps line (with `--dns-server SERVER` added) with no profile and no key; (exit
    code, records, stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY") and k != "WPS_DNS_SERVER"}
    env["XDG_CONFIG_HOME"] = str(cwd or "/nonexistent-wps-config")
    line += f" --dns-server {server}"
    out = subprocess.run([str(wps), "--output", "json", "-c", line], env=env, input=stdin, cwd=cwd,
                         capture_output=True, text=True, timeout=120)
    records = json.loads(out.stdout) if out.stdout.strip() else None
    return out.returncode, records, out.stderr


def test_a_good_domain_is_ok_everywhere(wps):
    with dnsmasq(*RECORDS, zones=("test", "google.com")) as server:
        code, records, err = check(wps, server, "domain check good.test")
    assert code == 0, err
    [good] = records
    assert {k: good[k] for k in ("domain", "verdict", "mx", "spf", "dmarc", "dkim")} == {
        "domain": "good.test", "verdict": "ok", "mx": "ok", "spf": "ok", "dmarc": "ok", "dkim": "ok"}
    assert good["hints"] == [] and good["tracking"] is None
    assert good["found"]["mx"] == "10 mx1.good.test"
    assert good["found"]["spf"] == "v=spf1 include:_spf.google.com ~all (1 DNS lookup)"
    assert good["found"]["dmarc"] == "p=reject, rua=mailto:d@good.test"
    assert good["found"]["dkim"] == "key at google"


def test_spf_over_ten_lookups_fails_with_its_hint(wps):
    with dnsmasq(*RECORDS) as server:
        code, records, err = check(wps, server, "domain check heavy.test")
    assert code == 1
    [heavy] = records
    assert heavy["spf"] == "fail" and heavy["verdict"] == "fail" and heavy["mx"] == "ok"
    assert heavy["found"]["spf"].endswith("(12 DNS lookups)")
    assert "12 DNS lookups, over RFC 7208's limit of 10" in heavy["hints"][0]
    assert "heavy.test spf: 12 DNS lookups" in err and "--allow-failures carries on" in err


def test_no_dmarc_warns_and_a_named_dkim_selector_is_found(wps):
    with dnsmasq(*RECORDS) as server:
        code, records, err = check(wps, server, "domain check nodmarc.test --dkim-selector s1")
    assert code == 0, err
    [domain] = records
    assert domain["verdict"] == "warn" and domain["dmarc"] == "warn" and domain["dkim"] == "ok"
    assert domain["found"]["dkim"] == "key at s1"
    assert domain["hints"][0].startswith("dmarc: no DMARC record: publish a TXT record at _dmarc.nodmarc.test")


def test_no_mx_fails_and_allow_failures_exits_0(wps):
    with dnsmasq(*RECORDS) as server:
        code, records, err = check(wps, server, "domain check nomx.test")
        assert code == 1
        assert records[0]["mx"] == "fail" and records[0]["found"]["mx"] == "no MX record"
        assert "nomx.test mx: no MX record" in err
        code, records, err = check(wps, server, "domain check nomx.test --allow-failures")
        assert code == 0 and records[0]["verdict"] == "fail"


def test_a_mailbox_file_checks_its_domains_and_shows_the_tracking_cname(wps, tmp_path):
    boxes = ("email,password,host,port,imap_host,imap_port,open_tracking_domain\n"
             "ann@good.test,pw,smtp.gmail.com,465,imap.gmail.com,993,track.good.test\n"
             "bob@good.test,pw,smtp.office365.com,587,outlook.office365.com,993,\n")
    (tmp_path / "boxes.csv").write_text(boxes)
    with dnsmasq(*RECORDS, zones=("test", "google.com")) as server:
        code, records, err = check(wps, server, "domain check boxes.csv --allow-failures", cwd=tmp_path)
        code_stdin, records_stdin, _ = check(wps, server, "domain check - --allow-failures", stdin=boxes, cwd=tmp_path)
    assert code == 0, err
    assert [r["domain"] for r in records] == ["good.test", "track.good.test"]
    good, track = records
    # Bob sends through Microsoft 365, which the SPF record does not include.
    assert good["spf"] == "fail"
    assert good["hints"] == ["spf: the mailboxes send through Microsoft 365, but SPF does not include it: "
                             "add `include:spf.protection.outlook.com`"]
    assert track["tracking"] == "ok" and track["mx"] is None
    assert track["found"]["tracking"] == "CNAME → open.sender.test (open_tracking_domain)"
    assert code_stdin == 0 and records_stdin == records


def test_an_unknown_name_or_a_bad_server_is_a_usage_error(wps):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    out = subprocess.run([str(wps), "-c", "domain check not_a_domain"], env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 2 and "'not_a_domain' is neither a domain name nor a file" in out.stderr
    out = subprocess.run([str(wps), "-c", "domain check good.test --dns-server dns.example"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "--dns-server must be HOST[:PORT]" in out.stderr
    for line, message in [
        ("domain check 192.0.2.1", "'192.0.2.1' is neither a domain name nor a file"),
        ("domain check good.test --dns-server 01.0.0.127", "--dns-server must be HOST[:PORT]"),
        ("domain check good.test --dkim-selector 'a b'", "--dkim-selector must be a DNS label"),
        ("domain check --tracking 'not a domain'", "--tracking must be a domain name"),
    ]:
        out = subprocess.run([str(wps), "-c", line], env=env, capture_output=True, text=True, timeout=60)
        assert out.returncode == 2 and message in out.stderr, (line, out.stderr)


def test_the_command_is_in_the_catalogue_and_a_read_only_mcp_tool(wps, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    out = subprocess.run([str(wps), "help", "domain", "check", "--json"], env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    entry = json.loads(out.stdout)
    assert entry["name"] == "domain check" and entry["requests"] == [] and entry["category"] == "api"
    assert {flag["name"] for flag in entry["flags"]} >= {"dkim-selector", "dns-server", "allow-failures"}
    assert "tracking" in {flag["name"] for flag in entry["flags"]}
    from test_mcp import Served

    async def listed():
        async with Served(wps, tmp_path, ["--read-only", "--sandbox"], env=env) as served:
            return {tool.name: tool for tool in (await served.session.list_tools()).tools}

    tools = asyncio.run(listed())
    assert tools["domain_check"].annotations.read_only_hint is True
    assert "tracking" in tools["domain_check"].input_schema["properties"]


def test_the_mcp_tool_is_read_only_and_checks_a_domain(wps, tmp_path):
    from test_mcp import Served

    async def scenario(server):
        async with Served(wps, tmp_path, ["--read-only", "--sandbox"]) as served:
            tools = {tool.name: tool for tool in (await served.session.list_tools()).tools}
            assert tools["domain_check"].annotations.read_only_hint is True
            result = await served.call("domain_check", {"domain": ["good.test"], "dns_server": server})
            assert not result.is_error, result
            return result.structured_content["result"]

    with dnsmasq(*RECORDS, zones=("test", "google.com")) as server:
        [good] = asyncio.run(scenario(server))
    assert good["domain"] == "good.test" and good["verdict"] == "ok"


def silent_udp_socket():
    """A UDP socket on 127.0.0.1 that is never read: queries sent to it get no answer."""
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    return silent


def test_a_server_that_does_not_answer_is_one_error_not_a_failed_domain(wps):
    with silent_udp_socket() as silent:
        server = f"127.0.0.1:{silent.getsockname()[1]}"
        code, records, err = check(wps, server, "domain check good.test nomx.test")
    assert code == 1 and records is None
    assert f"DNS server {server} does not answer (asked good.test MX" in err
    assert "no domain was checked" in err
    # A server was named: naming one is no advice.
    assert "try --dns-server" not in err and "with --dns-server" not in err
    assert "mx:" not in err and "dkim:" not in err


def test_a_tracking_domain_named_on_the_line_needs_an_address(wps):
    with dnsmasq(*RECORDS) as server:
        code, records, err = check(wps, server, "domain check --tracking track.good.test --tracking dead.good.test")
    assert code == 1
    track, dead = records
    assert track["domain"] == "track.good.test" and track["tracking"] == "ok" and track["mx"] is None
    assert track["found"]["tracking"] == "CNAME → open.sender.test (--tracking)"
    assert dead["tracking"] == "fail"
    assert dead["hints"][0].startswith("tracking: dead.good.test is a CNAME to gone.sender.test, which has no address")


def test_mailbox_list_piped_in_checks_the_mailboxes_domains(wps):
    demo = sending_domain("demo.example.com", "v=spf1 mx ~all", "v=DMARC1; p=none; rua=mailto:d@demo.example.com")
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    with dnsmasq(*demo, zones=("example.com",)) as server:
        env["WPS_DNS_SERVER"] = server
        out = subprocess.run([str(wps), "--sandbox", "--output", "json", "-c", "mailbox list | domain check"],
                             env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    [demo_record] = json.loads(out.stdout)
    assert demo_record["domain"] == "demo.example.com" and demo_record["verdict"] == "ok"


def test_records_without_an_address_name_the_fields_looked_for(wps):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    out = subprocess.run([str(wps), "--sandbox", "-c", "mailbox list | select id | domain check"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "no domain to check: the records have no address or tracking domain" in out.stderr
    assert "smtp_email, email" in out.stderr and "details.email" in out.stderr
    assert "<pipeline>:1: no address or tracking domain" in out.stderr


def test_a_narrow_table_keeps_the_domains_whole(wps):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY") and k != "WPS_DNS_SERVER"}
    env["COLUMNS"] = "60"
    env["XDG_CONFIG_HOME"] = "/nonexistent-wps-config"
    with dnsmasq(*RECORDS, zones=("test", "google.com")) as server:
        out = subprocess.run([str(wps), "--output", "table", "-c",
                              f"domain check good.test nodmarc.test --tracking track.good.test --allow-failures "
                              f"--dns-server {server}"], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    # Nine columns do not fit 60: the table is turned round, a column per domain, each whole.
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["domain", "good.test", "nodmarc.test", "track.good.test"], out.stdout
    assert [line.split()[0] for line in lines[2:5]] == ["verdict", "mx", "spf"]
    assert all(len(line) <= 60 for line in lines), out.stdout
