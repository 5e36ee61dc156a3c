"""Trust by construction, proved over the whole command catalogue (issue 28, parts 1 and 3).

The real API is stood in for by `wps sandbox` behind two recording proxies (one a Woodpecker
profile points at, one a Saleshandy profile points at) that note each request's method, path and
which planted key it carried. Every example of every command (`wps help --json`), and a write of
each flag family, is run:

- under `--dry-run` and through MCP `dry_run`, with a Woodpecker, a Saleshandy and a key-less
  profile: no request other than GET arrives, whatever the command — the reads do arrive, with the
  profile's key (a dry run plans against the real account);
- for real, with each profile kind (Woodpecker, Saleshandy, none, `--sandbox`): every request
  arrives at that profile's host with that profile's key, or none arrives — never the environment's
  `WOODPECKER_API_KEY`/`SALESHANDY_API_KEY`, never another profile's host.
"""
import asyncio
import json
import os
import subprocess

import pytest
from conftest import Sandbox, write_example_files
from recording_proxy import RecordingProxy
from test_mcp import Served

KEYS = {"Planted-WpKey-71c2": "wp", "Planted-ShKey-93ad": "sh", "Planted-EnvWp-5e10": "env WOODPECKER_API_KEY",
        "Planted-EnvSh-0b77": "env SALESHANDY_API_KEY", "dry-run": "the dry run's placeholder"}
KEY = {name: key for key, name in KEYS.items()}

SPEC = """id: 777001
name: First
accounts: [123001]
settings: {timezone: Europe/Berlin, daily_enroll: 50}
steps:
  - window: MON-FRI 09:00-17:00
    versions:
      - {subject: "Hi {{FIRST_NAME}}", message: "<p>Changed by the spec</p>"}
"""

# Writes of each flag family that the examples may not reach, against the account's campaign 777001.
EXTRA_WRITES = [
    "prospect add zed@acme.com",
    "prospect add zed@acme.com --campaign 777001 --first-name Zed --snippet1 x",
    "prospect import leads.csv --campaign 777001",
    "mailbox add --email z@x.com --password pw-x --smtp-server smtp.x.com --smtp-port 465 --imap-server imap.x.com --imap-port 993",
    "mailbox import boxes.csv",
    "mailbox microsoft import microsoft.csv",
    "campaign set 777001 --daily-enroll 9 --timezone UTC",
    "campaign run 777001",
    "campaign pause 777001",
    "campaign stop 777001",
    "campaign delete 777001 --yes",
    "step add 777001 --subject S --message M --wait 2d",
    "campaign apply spec.yaml --allow-edit",
    "let c = campaign new Second --accounts 123001 --timezone UTC --daily-enroll 5 --subject Hi --message Hello; campaign run $c.id",
    "report campaigns --from yesterday --to today",
]


def write_files(folder):
    write_example_files(folder, SPEC.replace("id: 777001\nname: First", "name: Q4 spec"))
    (folder / "spec.yaml").write_text(SPEC)


class World:
    """The sandbox, its two proxies, a config with a Woodpecker, a Saleshandy and a key-less
    profile, the environment's own keys planted, and an account holding mailboxes and campaign
    777001 (set up for real)."""

    def __init__(self, wps, tmp_path):
        self.wps = wps
        self.box = Sandbox(wps, "--no-rate-limit", "--processing-delay", "0")
        self.wp = RecordingProxy(self.box.url, KEYS)
        self.sh = RecordingProxy(self.box.url, KEYS)
        self.folder = tmp_path / "work"
        self.folder.mkdir()
        write_files(self.folder)
        config = tmp_path / "config" / "wps" / "config.yaml"
        config.parent.mkdir(parents=True)
        config.write_text(
            "default: wp\nprofiles:\n"
            f"  wp: {{ provider: woodpecker, base_url: '{self.wp.url}/rest/v2', api_key_env: WP_KEY }}\n"
            f"  sh: {{ provider: saleshandy, base_url: '{self.sh.url}/v1', api_key_env: SH_KEY }}\n"
            f"  none: {{ provider: woodpecker, base_url: '{self.wp.url}/rest/v2', api_key_env: NOT_SET_KEY }}\n")
        config.chmod(0o600)
        self.env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY") and not k.startswith(("WPS_", "XDG_"))}
        self.env.update({"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state"),
                         "WP_KEY": KEY["wp"], "SH_KEY": KEY["sh"], "WOODPECKER_API_KEY": KEY["env WOODPECKER_API_KEY"],
                         "SALESHANDY_API_KEY": KEY["env SALESHANDY_API_KEY"]})
        self.env.pop("NOT_SET_KEY", None)
        out = self.run("--profile", "wp", "-c",
                       "mailbox import boxes.csv | batch watch | count; "
                       "campaign new First --accounts 123001 --timezone UTC --daily-enroll 5 --subject Hi --message Hello | get id")
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip().endswith("777001"), out.stdout
        self.take()

    def run(self, *args, timeout=120):
        return subprocess.run([str(self.wps), "--output", "json", *args], cwd=self.folder, env=self.env,
                              capture_output=True, text=True, timeout=timeout)

    def take(self):
        """What reached each proxy since the last call: (proxy name, request)."""
        return [("wp", r) for r in self.wp.take()] + [("sh", r) for r in self.sh.take()]

    def stop(self):
        self.wp.stop()
        self.sh.stop()
        self.box.stop()


@pytest.fixture
def world(wps, tmp_path):
    w = World(wps, tmp_path)
    yield w
    w.stop()


def catalogue_lines(wps):
    """Every example of every command, then the extra writes."""
    catalogue = json.loads(subprocess.run([str(wps), "help", "--json"], capture_output=True, text=True, check=True).stdout)
    examples = [(c["name"], e) for c in catalogue["commands"] for e in c["examples"]]
    assert len({name for name, _ in examples}) > 30, "the catalogue lost its examples"
    return examples + [("extra", line) for line in EXTRA_WRITES]


def test_a_dry_run_sends_no_write_with_any_profile_and_reads_the_account(world, wps):
    lines = catalogue_lines(wps)
    succeeded, reads = 0, 0
    for profile in ["wp", "sh", "none"]:
        for name, line in lines:
            out = world.run("--profile", profile, "--dry-run", "-c", line)
            succeeded += profile == "wp" and out.returncode == 0
            arrived = world.take()
            reads += sum(1 for _, r in arrived if r.method == "GET" and r.key == "wp")
            writes = [f"{proxy}: {r}" for proxy, r in arrived if r.method != "GET"]
            assert writes == [], f"--profile {profile} --dry-run -c {line!r} sent writes: {writes}\n{out.stderr}"
            placeholder = [str(r) for _, r in arrived if r.key == "the dry run's placeholder"]
            assert placeholder == [], f"{line!r}: the placeholder key reached the API: {placeholder}"
    # The commands ran (a dry run that refused everything would prove nothing), and their reads
    # went to the account with the profile's key: a dry run plans against the truth.
    assert succeeded > len(lines) * 2 // 3, f"only {succeeded} of {len(lines)} lines ran under --profile wp --dry-run"
    assert reads > 20
    out = world.run("--profile", "wp", "--dry-run", "-c", "campaign get 777001 | get name")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "First"
    assert [(p, str(r)) for p, r in world.take()] == [("wp", "GET /rest/v2/campaigns/777001 (key: wp)")]


def test_dry_run_findings(world):
    # prospect add (a /rest/v1 write) stays in the process.
    out = world.run("--profile", "wp", "--dry-run", "-c", "prospect add zed@acme.com")
    assert out.returncode == 0, out.stderr
    assert "POST" in out.stderr and "/rest/v1/add_prospects_list" in out.stderr
    assert all(r.method == "GET" for _, r in world.take())
    # apply on an existing campaign plans against it (no "does not exist; creating it"), and the
    # script goes on reading what the dry run changed; the account is left as it was.
    out = world.run("--profile", "wp", "--dry-run", "-c",
                    "campaign apply spec.yaml | get created; campaign export 777001")
    assert out.returncode == 0, out.stderr
    assert "creating it" not in out.stderr
    assert "Changed by the spec" in out.stdout
    assert all(r.method == "GET" for _, r in world.take())
    out = world.run("--profile", "wp", "-c", "campaign export 777001")
    assert "Changed by the spec" not in out.stdout
    # diff and get read the real campaign.
    out = world.run("--profile", "wp", "--dry-run", "-c", "campaign diff 777001 spec.yaml")
    assert out.returncode == 0, out.stderr
    diff = json.loads(out.stdout) if out.stdout.strip() else pytest.fail(f"no output: {out.stderr}")
    assert diff["campaign_id"] == 777001 and any("message" in change for change in diff["changes"]), diff
    # What a dry run creates answers later reads of its ids in the same run.
    out = world.run("--profile", "wp", "--dry-run", "-c",
                    "let c = campaign new Draft --accounts 123001 --timezone UTC --daily-enroll 5 --subject Hi --message Hello; "
                    "campaign get $c.id | get name")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "Draft"
    assert all(r.method == "GET" for _, r in world.take())
    # With no key, nothing is read from an account and the run says so.
    out = world.run("--profile", "none", "--dry-run", "-c", "campaign list | count")
    assert out.returncode == 0, out.stderr
    assert "no API key for woodpecker" in out.stderr and "private, empty sandbox answers" in out.stderr
    assert world.take() == []
    # `profile use` inside a dry run stays in it.
    out = world.run("--profile", "wp", "--dry-run", "-c", "profile use none; campaign new X --accounts 1 --timezone UTC "
                    "--daily-enroll 5 --subject Hi --message Hello | get name")
    assert out.returncode == 0, out.stderr
    assert all(r.method == "GET" for _, r in world.take())


def sample(name, schema):
    """A plausible value for a tool argument, from its schema and name."""
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if schema.get("enum"):
        return schema["enum"][0]
    if kind == "integer":
        return 777001
    if kind == "number":
        return 1
    if kind == "boolean":
        return True
    if kind == "array":
        return [sample(name, schema.get("items", {}))]
    if kind == "object":
        return {}
    lowered = name.lower()
    for word, value in [("email", "zed@acme.com"), ("file", "boxes.csv"), ("timezone", "UTC"), ("server", "smtp.x.com")]:
        if word in lowered:
            return value
    return "x"


def test_mcp_dry_run_sends_no_write_and_each_call_has_its_own_overlay(world, wps):
    lines = catalogue_lines(wps)
    mailbox = {"email": "ann@example.com", "password": "pw-ann", "smtp_server": "smtp.example.com", "smtp_port": 465,
               "imap_server": "imap.example.com", "imap_port": 993, "dry_run": True}

    ran = {"lines": 0, "tools": 0}

    async def scenario():
        failures = []
        for profile in ["wp", "sh"]:
            async with Served(world.wps, world.folder.parent, ["--profile", profile, "--allow-destructive"], world.env,
                              world.folder) as served:
                for name, line in lines:
                    answered = await served.session.call_tool("wps_run", {"script": line, "dry_run": True})
                    ran["lines"] += not answered.is_error
                    writes = [str(r) for _, r in world.take() if r.method != "GET"]
                    if writes:
                        failures.append(f"{profile} {line!r}: {writes}")
                tools = (await served.session.list_tools()).tools
                for tool in tools:
                    if tool.name == "wps_run":
                        continue
                    schema = tool.input_schema
                    arguments = {name: sample(name, schema["properties"][name]) for name in schema.get("required", [])}
                    arguments.update({"dry_run": True})
                    if "confirm" in schema["properties"]:
                        arguments["confirm"] = True
                    answered = await served.session.call_tool(tool.name, arguments)
                    ran["tools"] += not answered.is_error
                    writes = [str(r) for _, r in world.take() if r.method != "GET"]
                    if writes:
                        failures.append(f"{profile} tool {tool.name}: {writes}")
        async with Served(world.wps, world.folder.parent, ["--profile", "wp"], world.env, world.folder) as served:
            first = await served.session.call_tool("mailbox_add", mailbox)
            second = await served.session.call_tool("mailbox_add", mailbox)
        return failures, first, second

    failures, first, second = asyncio.run(scenario())
    assert failures == []
    # The calls ran (a dry run refused everywhere would prove nothing): most lines under wp, and
    # tools called with only their required arguments.
    assert ran["lines"] > len(lines) // 2 and ran["tools"] > 10, ran
    assert not first.is_error and not second.is_error, second.content
    assert "already" not in json.dumps(second.structured_content)


def test_every_request_carries_its_profiles_key_to_its_profiles_host_or_none_is_sent(world, wps):
    lines = catalogue_lines(wps)
    expected = {"wp": {("wp", "wp")}, "sh": {("sh", "sh")}, "none": set(), "sandbox": set()}
    for profile in ["sh", "none", "sandbox", "wp"]:  # wp last: its writes change the account
        for name, line in lines:
            args = ["--sandbox"] if profile == "sandbox" else ["--profile", profile]
            out = world.run(*args, "-c", line)
            arrived = {(proxy, r.key) for proxy, r in world.take()}
            assert arrived <= expected[profile], f"{args} -c {line!r}: {arrived}\n{out.stderr}"
            for borrowed in ["WOODPECKER_API_KEY", "SALESHANDY_API_KEY", "api.woodpecker.co", "saleshandy.com"]:
                assert borrowed not in out.stderr, f"{args} -c {line!r} mentions {borrowed}:\n{out.stderr}"


def test_a_profile_binds_its_provider(world):
    # A Woodpecker command under a Saleshandy profile is refused before anything is sent, naming both.
    out = world.run("--profile", "sh", "-c", "campaign list")
    assert out.returncode == 2
    assert "profile 'sh' is a saleshandy profile" in out.stderr and "needs woodpecker" in out.stderr
    assert "--profile" in out.stderr and "WOODPECKER_API_KEY" not in out.stderr
    assert world.take() == []
    # --provider against a profile of another provider is a usage error.
    out = world.run("--profile", "wp", "--provider", "saleshandy", "-c", "mailbox list")
    assert out.returncode == 2
    assert "--provider saleshandy does not match profile 'wp'" in out.stderr
    assert world.take() == []
    # --provider that agrees with the profile is taken.
    out = world.run("--profile", "sh", "--provider", "saleshandy", "-c", "mailbox add --email z@x.com --password pw-x "
                    "--smtp-server smtp.x.com --smtp-port 465 --imap-server imap.x.com --imap-port 993 | count")
    assert out.returncode == 0, out.stderr
    assert {(p, r.key) for p, r in world.take()} == {("sh", "sh")}
    # profile use says so on stderr: stdout keeps results only.
    out = world.run("--profile", "sh", "-c", "profile use wp; mailbox list | count")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) > 0
    assert "using profile wp" in out.stderr


def test_the_prompt_names_the_profile_in_use_and_a_dry_run(world):
    import pexpect
    child = pexpect.spawn(str(world.wps), ["--profile", "wp"], env={**world.env, "TERM": "xterm"}, cwd=str(world.folder),
                          encoding="utf-8", timeout=30, dimensions=(40, 200))
    child.expect(r"wps\[wp\]> ")
    child.sendline("profile use sh")
    child.expect("using profile sh")
    child.expect(r"wps\[sh\]> ")
    child.sendline("campaign list")
    child.expect("profile 'sh' is a saleshandy profile")
    child.expect(r"wps\[sh\]> ")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child = pexpect.spawn(str(world.wps), ["--profile", "wp", "--dry-run"], env={**world.env, "TERM": "xterm"},
                          cwd=str(world.folder), encoding="utf-8", timeout=30, dimensions=(40, 200))
    child.expect(r"wps\[wp dry-run\]> ")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    assert all(r.method == "GET" for _, r in world.take())
