"""Every example `help COMMAND` shows runs against `wps --sandbox` and succeeds, in a folder
holding the files the examples name (pw.txt, first.html, followup.html, boxes.csv, microsoft.csv, q4.yaml,
leads.csv) and
after a first campaign (777001) exists, as in a new user's session."""
import json
import os
import re
import subprocess

from conftest import dnsmasq, write_example_files


SPEC = """name: Q4 spec
accounts: [123001]
settings: {timezone: Europe/Berlin, daily_enroll: 50}
steps:
  - window: MON-FRI 08:00-18:00
    wait: 3d
    versions:
      - {subject: "Hi {{FIRST_NAME | \\"there\\"}}", message: "<p>A</p>"}
  - window: FRI 09:00-12:00
    versions:
      - {message: "<p>follow</p>"}
"""

PRELUDE = 'campaign new "First" --accounts 123001 --timezone UTC --daily-enroll 5 --subject "Hi" --message "Hello" | count; '


# `domain check`'s examples ask DNS: a dnsmasq on loopback (WPS_DNS_SERVER) answers for example.com
# as a well-set-up sending domain would.
EXAMPLE_DNS = [
    "--mx-host=example.com,mx1.example.com,10", "--host-record=mx1.example.com,192.0.2.10",
    "--txt-record=example.com,v=spf1 mx ~all", "--txt-record=_dmarc.example.com,v=DMARC1; p=none; rua=mailto:d@example.com",
    "--txt-record=google._domainkey.example.com,v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCrX15TAUQvc+USv"
    "joeonQe3hlp8JSHVcsVbK+K9719dYd/gusIFOcHPYnU1xOfcXZGSxv2qPorHjvpOJwR1i1M1K/yiFgiM1SDoifMUquMF/dZrPMXodQ902Haj3p"
    "NTWpKDJSSRbSQVzXXZhXFyfncbaQ9/P8TT7q2Lc5VBrf/vwIDAQAB",
    # `--tracking track.example.com`: a tracking CNAME to a host with an address.
    "--cname=track.example.com,mx1.example.com",
]


def run(wps, cwd, script, dns_server=None, provider=None):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    if dns_server:
        env["WPS_DNS_SERVER"] = dns_server
    chosen = ["--provider", provider] if provider else []
    return subprocess.run([str(wps), "--sandbox", *chosen, "--output", "json", "-c", script], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def examples(wps, cwd):
    """Each command's name and the examples its help lists."""
    overview = run(wps, cwd, "help").stdout
    names = re.findall(r"^  (\S+(?: \S+)*?)  +\S", overview, re.M)
    found = []
    for name in names:
        text = run(wps, cwd, f"help {name}").stdout
        if "\nexamples:\n" in text:
            block = text.split("\nexamples:\n", 1)[1]
            found += [(name, line.strip()) for line in block.splitlines() if line.startswith("  ")]
    return names, found


def test_every_help_example_runs_against_the_sandbox(wps, tmp_path):
    write_example_files(tmp_path, SPEC)
    names, found = examples(wps, tmp_path)
    assert "campaign new" in names and "mailbox add" in names and len(names) > 30
    assert len(found) >= 17, found
    # A command one provider alone serves runs its examples with that provider (help --json says which).
    catalog = json.loads(run(wps, tmp_path, "help --json").stdout)
    own = {c["name"]: c["providers"][0] for c in catalog["commands"] if c["providers"] == ["saleshandy"]}
    assert {"sequence list", "sequence step add"} <= set(own), own
    failures = []
    with dnsmasq(*EXAMPLE_DNS, zones=("example.com",)) as dns_server:
        for name, example in found:
            out = run(wps, tmp_path, (PRELUDE if name not in own else "") + example, dns_server, own.get(name))
            if out.returncode != 0:
                failures.append(f"{name}: {example}\n  exit {out.returncode}: {out.stderr.strip()}")
    assert failures == [], "\n".join(failures)
