"""The slips property: a password typed where it should not be — without its flag, on the next
line after `--password`, after `--password:`, `-p` or a misspelt flag, in an unterminated quote,
through a variable, in a pipeline, a block or a continuation line, or given to the MCP server under
a wrong argument — reaches no stdout, stderr, history file, journal, report, log or MCP text.

Each slip shape runs with one planted password through `wps --sandbox -c`, `--check`, a script
file, standard input, the interactive shell (under a pseudo-terminal, with its own HOME so the
history file can be read back; its profile points at a `wps sandbox --log` process whose log is
scanned too) and `wps mcp` (tool arguments and `wps_run` scripts). Every text and every file
written under the isolated HOME is scanned for the password in 9 encodings."""
import asyncio
import os
import subprocess
from pathlib import Path

import pexpect
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from conftest import Sandbox
from planted_secrets import Collect, Scan, encodings, planted

BASE = "mailbox add --email z@x.com"
FULL = "--smtp-server smtp.x.com --smtp-port 465 --imap-server imap.x.com --imap-port 993"

# `SECRET` stands for the planted password. Every slip fails (to parse, to check, or at the API's
# rules) — a line that ran would be kept in the history with its secrets masked, which
# test_secrets.py covers.
SLIPS = [
    # The findings.
    f"{BASE} SECRET {FULL}",
    f"{BASE} --smtp-server s --smtp-port 465 --imap-server i --imap-port 993 --password\nSECRET",
    f"{BASE} --smtp-port nope --password\nSECRET",
    f"{BASE} --password: SECRET {FULL}",
    f"{BASE} -p SECRET {FULL}",
    f'{BASE} --password "SECRET {FULL}',
    f'let p = "SECRET"; {BASE} --password $p {FULL} --daily-limit 99999',
    # Flags misspelt, in the wrong case, with `:` or `=`, short.
    f"{BASE} --pasword SECRET {FULL}",
    f"{BASE} --PASSWORD SECRET {FULL}",
    f"{BASE} --Passwd SECRET {FULL}",
    f"{BASE} --pass SECRET {FULL}",
    f"{BASE} --pw SECRET {FULL}",
    f"{BASE} -password SECRET {FULL}",
    f"{BASE} --password=SECRET --daily-limit nope",
    f"{BASE} --password = SECRET {FULL}",
    f"{BASE} --password:SECRET --smtp-port nope",
    f"{BASE} --password x --imap-pasword SECRET {FULL}",
    f"{BASE} password=SECRET {FULL}",
    f"{BASE} password SECRET {FULL}",
    # The command misspelt or in another case.
    f"Mailbox Add --email z@x.com --password SECRET {FULL}",
    f"mailbx add --email z@x.com --password SECRET {FULL}",
    "MAILBOX ADD --email z@x.com SECRET",
    # Quotes.
    f"{BASE} 'SECRET' {FULL}",
    f"{BASE} --password 'SECRET {FULL}",
    # Continuation lines, and the password alone on a later line.
    f"{BASE} \\\n  SECRET {FULL}",
    f"echo start\n{BASE} {FULL} --password\n\nSECRET\necho end",
    # Pipelines, blocks, `let`.
    f"{BASE} SECRET {FULL} | count",
    f"{BASE} --password SECRET --daily-limit nope | count",
    "echo ok | " + BASE + " SECRET",
    "for i in [1] { " + BASE + " SECRET }",
    "try { " + BASE + " SECRET }",
    f"let box = {BASE} SECRET",
    f"let pw = SECRET; {BASE} --password $pw --daily-limit nope",
    # The password in another flag's place, in a comment, in a sub-pipeline.
    f"{BASE} --password x --smtp-server s --smtp-port SECRET",
    f"{BASE} --password x {FULL} --bogus SECRET",
    f"{BASE} --password x {FULL} --wait-from 1x # SECRET",
    f"{BASE} --password $(echo SECRET) {FULL} --daily-limit lots",
    f"mailbox add --email SECRET --password x {FULL}",
    f"{BASE} --smtp-server SECRET --password x --smtp-port 465 --imap-server i --imap-port 99999",
    # The password alone on a line after a line that takes one but did not ask for it.
    f"{BASE}\nSECRET",
    f"{BASE} --password x\nSECRET",
    f"{BASE} --password x; SECRET",
    # A wrong or missing subcommand of a group with a secret flag.
    "mailbox connect z@x.com SECRET",
    "mailbox create --email z@x.com SECRET",
    "mailbox --email z@x.com SECRET",
    "mailbox z@x.com SECRET",
    # Taint through more than one variable; a comment between `--password` and the password.
    f'let a = "SECRET"; let b = $a; {BASE} --password $b {FULL} --daily-limit 99999',
    f"{BASE} --smtp-port nope --password\n# fill in\ncorrect SECRET staple",
]

# The same slips as MCP tool arguments (a password under a wrong or mistyped argument).
MCP_SLIPS = [
    {"email": "z@x.com", "pasword": "SECRET"},
    {"email": "z@x.com", "Password": "SECRET", "smtp_port": 465},
    {"email": "z@x.com", "password": "SECRET", "smtp_port": "nope"},
    {"email": "z@x.com", "password": "x", "smtp_port": "SECRET"},
    {"email": "SECRET", "password": "x", "smtp_server": "s", "smtp_port": 465, "imap_server": "i", "imap_port": 993},
    {"email": "z@x.com", "password": "SECRET", "smtp_server": "s", "smtp_port": 465, "imap_server": "i",
     "imap_port": 99999},
    {"email": "z@x.com", "password": "x", "smtp_server": "SECRET", "smtp_port": 465, "imap_server": "i",
     "imap_port": 99999},
    {"email": "z@x.com", "password": "x", "bogus": "SECRET"},
    {"email": "z@x.com", "password": "x", "login": ["SECRET"]},
]


def with_secret(shape, secret):
    if isinstance(shape, dict):
        return {key: with_secret(value, secret) for key, value in shape.items()}
    if isinstance(shape, list):
        return [with_secret(value, secret) for value in shape]
    return shape.replace("SECRET", secret) if isinstance(shape, str) else shape


def isolated_environment(home):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY") and not k.startswith(("XDG_", "WPS_"))}
    env.update({"HOME": str(home), "TERM": "xterm", "XDG_STATE_HOME": str(home / "state"),
                "XDG_CONFIG_HOME": str(home / "config")})
    return env


def test_there_are_at_least_30_slip_shapes():
    assert len(SLIPS) >= 30 and len(set(SLIPS)) == len(SLIPS)
    assert all("SECRET" in slip for slip in SLIPS)


def test_a_slipped_password_reaches_no_output_or_file(wps, tmp_path):
    secret = planted("Slip")
    scan = Scan({"password": secret})
    home = tmp_path / "home"
    work = tmp_path / "work"
    for folder in (home, work):
        folder.mkdir()
    env = isolated_environment(home)
    env["SLIP_PASSWORD"] = secret

    def run(label, *args, stdin=None):
        out = subprocess.run([str(wps), *args], cwd=work, env=env, input=stdin, capture_output=True, timeout=120)
        scan.add_run(label, out)
        return out

    for index, shape in enumerate(SLIPS):
        line = with_secret(shape, secret)
        out = run(f"-c {index}", "--sandbox", "-c", line)
        assert out.returncode != 0, (shape, out.stdout, out.stderr)
        assert b"****" in out.stderr, (shape, out.stderr)
        run(f"--check {index}", "--check", "-c", line)
        script = work / f"slip{index}.wps"
        script.write_text(line + "\n")
        out = run(f"script {index}", "--sandbox", str(script))
        assert out.returncode != 0, shape
        run(f"stdin {index}", "--sandbox", stdin=(line + "\n").encode())
        script.unlink()  # the test wrote it; only what wps writes is scanned

    # The error that asks for a value names the safe ways.
    out = run("needs a value", "--sandbox", "-c", f"{BASE} {FULL} --password")
    assert b"--password needs a value: give it as --password -" in out.stderr
    assert b"--password $env.NAME" in out.stderr and b"--password @FILE" in out.stderr
    # `--password -` without a terminal reads one line of standard input, and is never shown.
    out = run("password -", "--sandbox", "--output", "json", "-c", f"{BASE} {FULL} --password - | count",
              stdin=(secret + "\n").encode())
    assert out.returncode == 0 and out.stdout.strip() == b"1", out.stderr
    out = run("password $env", "--sandbox", "--output", "json", "-c",
              f"{BASE} {FULL} --password $env.SLIP_PASSWORD | count")
    assert out.returncode == 0, out.stderr

    shell_texts, _ = run_shell(wps, work, env, secret, scan)
    assert "kept out of the history" in shell_texts
    # The password typed on the line after a failing `--password` line is masked, as a command too.
    assert "unknown command '****'" in shell_texts

    scan.add_tree(home)
    for label, text in run_mcp(wps, tmp_path, env, secret):
        scan.add(label, text)
    leaks = scan.leaks()
    print(f"\nslips: {len(SLIPS)} shapes + {len(MCP_SLIPS)} MCP argument sets × 1 planted password × "
          f"{len(encodings(secret))} encodings; {len(scan.texts)} texts; {len(leaks)} leaks")
    assert leaks == [], "\n".join(leaks)


def run_shell(wps, work, env, secret, scan):
    """Types every slip at the shell's prompt (a `--password` left without a value is answered at
    its echo-off prompt), then reads back the history file; returns the transcript with the
    terminal's echo of typed lines left out, and the history."""
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        config = env_path(env, "XDG_CONFIG_HOME") / "wps" / "config.yaml"
        config.parent.mkdir(parents=True)
        config.write_text("default: sb\nprofiles:\n  sb: { provider: woodpecker, base_url: '"
                          + box.url + "/rest/v2', api_key_env: SB_KEY }\n")
        config.chmod(0o600)
        shell_env = dict(env, SB_KEY="sandbox-key")
        child = pexpect.spawn(str(wps), [], cwd=str(work), env=shell_env, encoding="utf-8", timeout=60,
                              dimensions=(40, 400))
        transcript = []
        child.logfile_read = Collect(transcript)
        prompt = r"wps\[sb\]> "
        child.expect(prompt)
        typed = []
        lines = [line for shape in SLIPS for line in with_secret(shape, secret).split("\n")]
        lines += ["let q = \"" + secret + "\"", f"{BASE} {FULL} --password $q --daily-limit 99999",
                  # A passphrase typed again alone after a line that takes a secret was refused.
                  BASE, "correct " + secret + " staple",
                  # Taint across lines through a second variable.
                  "let a3 = \"" + secret + "\"", "let b3 = $a3", f"{BASE} {FULL} --password $b3 --daily-limit 99999",
                  f"{BASE} {FULL} --password", "history"]
        queue = list(lines)
        asked = 0
        while queue:
            line = queue.pop(0)
            child.sendline(line)
            typed.append(line)
            found = child.expect([prompt, r"\.\.\.> ", r"Password \(--password\): "])
            if found == 1 and ('"' in line or "'" in line):
                child.sendcontrol("c")  # an unterminated quote: leave the continuation
                child.expect(prompt)
            elif found == 2:
                # Asked with echo off: the answer is the password, never typed on a line.
                asked += 1
                child.sendline(secret)
                if secret in "".join(queue[:3]):
                    while queue and secret not in queue.pop(0):
                        pass
                child.expect(prompt)
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
    finally:
        log = box.stop()
    scan.add("sandbox --log", log)
    # `--password` left without a value at the end of a line that otherwise parses is asked for.
    assert asked == 3, asked
    # The one answered on the last line connected its mailbox: the password reached the sandbox.
    assert "POST /rest/v2/mailboxes/manual_connection/bulk" in log
    text = "".join(transcript)
    for line in typed:
        echoed = line + "\r\n"
        assert echoed in text, line
        text = text.replace(echoed, "<typed>\r\n", 1)
    scan.add("shell transcript (typed lines left out)", text)
    history_file = env_path(env, "XDG_STATE_HOME") / "wps" / "history"
    history = history_file.read_text()
    scan.add("history", history)
    # The variable a later line gave to --password is masked where it was assigned.
    assert "let\\040q\\040=\\040••••" in history, history
    # …also when it reached --password through another variable on another line.
    assert "let\\040a3\\040=\\040••••" in history and "let\\040b3\\040=\\040••••" in history, history
    return text, history


def env_path(env, name):
    return Path(env[name])


def run_mcp(wps, tmp_path, env, secret):
    """Every MCP argument slip to `mailbox_add`, and every slip as a `wps_run` script; returns
    each answer's JSON and the server's stderr."""
    errlog_path = tmp_path / "mcp-stderr.log"

    async def scenario():
        texts = []
        params = StdioServerParameters(command=str(wps), args=["mcp", "--sandbox"], env=env)
        with open(errlog_path, "w") as errlog:
            async with stdio_client(params, errlog=errlog) as (read, write):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    for index, arguments in enumerate(MCP_SLIPS):
                        result = await session.call_tool("mailbox_add", with_secret(arguments, secret))
                        assert result.is_error, (arguments, result)
                        texts.append((f"mcp mailbox_add {index}", result.model_dump_json()))
                    for index, shape in enumerate(SLIPS):
                        result = await session.call_tool("wps_run", {"script": with_secret(shape, secret)})
                        assert result.is_error, (shape, result)
                        texts.append((f"mcp wps_run {index}", result.model_dump_json()))
                    result = await session.call_tool("wps_run", {"script": f"{BASE} {FULL} --password -"})
                    assert result.is_error and "no terminal" in result.model_dump_json()
        return texts

    texts = asyncio.run(scenario())
    texts.append(("mcp stderr", errlog_path.read_text()))
    return texts
