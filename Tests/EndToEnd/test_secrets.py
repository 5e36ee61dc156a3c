"""The secrets scan: unique API keys and passwords are planted everywhere wps can meet them — the
environment, a config file, commands, CSV/JSON/NDJSON imports, the interactive shell — then every
example, the shell, --dry-run, error paths (rules broken on a line with a password, API errors,
a rejected key), imports with a journal and --report, and `wps sandbox --log` are run. Every
stdout, stderr, the shell's transcript and every file wps wrote under an isolated HOME and XDG
directories are scanned: no secret appears, raw or base64-, URL- or JSON-encoded. The files wps
writes are 0600, and a config file others can read is refused."""
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pexpect

from conftest import ROOT, Sandbox
from planted_secrets import Collect as _Collect, Scan, encodings, planted, type_lines


def test_no_planted_secret_reaches_any_output_or_file(wps, tmp_path):
    planted_secrets = {
        "woodpecker key (env)": planted("WpKey"), "saleshandy key (env)": planted("ShKey"),
        "woodpecker key (config file)": planted("CfgKey"), "password (command)": planted("CmdPw"),
        "imap password (command)": planted("ImapPw"), "password (CSV)": planted("CsvPw"),
        "password (JSON)": planted("JsonPw"), "password (NDJSON)": planted("NdPw"),
        "password (shell)": planted("ShellPw"), "password (examples)": planted("ExPw"),
        "password (saleshandy CSV)": planted("ShCsvPw"),
    }
    s = planted_secrets
    scan = Scan(s)
    home = tmp_path / "home"
    work = tmp_path / "work"
    for d in (home, work):
        d.mkdir()
    box = Sandbox(wps, "--no-rate-limit", "--log", "--processing-delay", "50")
    try:
        config = home / ".config" / "wps" / "config.yaml"
        config.parent.mkdir(parents=True)
        config.write_text(
            "default: sb\nprofiles:\n"
            f"  sb: {{ provider: woodpecker, base_url: '{box.url}/rest/v2', api_key_env: WOODPECKER_API_KEY }}\n"
            f"  inline: {{ provider: woodpecker, base_url: '{box.url}/rest/v2', api_key: '{s['woodpecker key (config file)']}' }}\n"
            f"  sh: {{ provider: saleshandy, base_url: '{box.url}/v1', api_key_env: SALESHANDY_API_KEY }}\n"
            f"  blank: {{ provider: woodpecker, base_url: '{box.url}/rest/v2', api_key: ' ' }}\n")
        config.chmod(0o600)
        env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY") and not k.startswith(("XDG_", "WPS_"))}
        env.update({"HOME": str(home), "WOODPECKER_API_KEY": s["woodpecker key (env)"], "SALESHANDY_API_KEY": s["saleshandy key (env)"],
                    "TERM": "xterm"})
        runs = 0

        def wps_run(label, *args, cwd=work, expect=None, extra_env=None):
            nonlocal runs
            runs += 1
            out = subprocess.run([str(wps), *args], cwd=cwd, env={**env, **(extra_env or {})}, capture_output=True, timeout=300)
            scan.add_run(label, out)
            if expect is not None:
                assert out.returncode == expect, f"{label}: exit {out.returncode}\n{out.stderr.decode(errors='replace')}"
            return out

        # 1. Every example, its passwords replaced by a planted one, against the embedded sandbox.
        examples = work / "examples"
        shutil.copytree(ROOT / "examples", examples)
        for path in examples.iterdir():
            text = path.read_text()
            for old in ["secret-pw", "smtp-password", "imap-password"]:
                text = text.replace(old, s["password (examples)"])
            text = text.replace("pw-", s["password (examples)"] + "-")
            text = text.replace('"pw"', '"' + s["password (examples)"] + '"')
            path.write_text(text)
        scripts = sorted(p.name for p in examples.glob("*.wps"))
        assert len(scripts) >= 4
        for name in scripts:
            wps_run(f"example {name}", "--sandbox", "--output", "json", f"examples/{name}", expect=0)
            # A dry run has no demo mailboxes, so an example may stop at a rule; its output counts all the same.
            out = wps_run(f"example {name} --dry-run", "--dry-run", "--output", "json", f"examples/{name}")
            assert out.returncode in (0, 2), out.stderr
        tour = subprocess.run(["bash", str(examples / "sandbox-tour.sh"), box.url], cwd=work, env=env, capture_output=True, timeout=300)
        assert tour.returncode == 0, tour.stderr
        scan.add_run("example sandbox-tour.sh", tour)
        runs += 1

        # 2. Commands with passwords: sent, dry-run, broken rules on the same line, API errors.
        add = (f"mailbox add --email cmd@example.com --password {s['password (command)']} --smtp-server smtp.example.com "
               f"--smtp-port 465 --imap-server imap.example.com --imap-port 993 --imap-password {s['imap password (command)']}")
        wps_run("mailbox add", "-c", add + " | batch watch", expect=0)
        wps_run("mailbox add, config-file key", "--profile", "inline", "-c", add.replace("cmd@", "inline@"), expect=0)
        wps_run("mailbox add --dry-run", "--dry-run", "-c", add, expect=0)
        wps_run("mailbox add --dry-run, config-file key", "--dry-run", "--profile", "inline", "-c", add, expect=0)
        wps_run("rule broken on a password line", "-c", add.replace("--smtp-port 465", "--smtp-port 0"), expect=2)
        wps_run("parse error on a password line", "-c", add + " --smtp-prot 465", expect=2)
        script = work / "failing.wps"
        script.write_text(f"echo start\n{add.replace('cmd@', 'again@')}\ncampaign get 5\n")
        wps_run("API error (404) in a script", str(script), expect=1)
        wps_run("already connected (409)", "-c", add, expect=1)
        wps_run("blank key (401)", "--profile", "blank", "-c", "campaign list")
        wps_run("missing key", "-c", "campaign list", extra_env={"WOODPECKER_API_KEY": ""}, expect=2)
        wps_run("saleshandy add", "--profile", "sh", "-c",
                f"mailbox add --email shcmd@example.com --password {s['password (command)']} --smtp-server smtp.example.com --smtp-port 465 "
                f"--imap-server imap.example.com --imap-port 993 --first-name A --last-name B --esp gsuite --smtp-encryption ssl --imap-encryption ssl",
                expect=0)
        wps_run("profiles and env", "--output", "json", "-c", "profile list; env", expect=0)
        wps_run("profiles, config-file key", "--profile", "inline", "--output", "json", "-c", "profile list", expect=0)

        # 3. Imports with passwords: journaled, reported, dry-run, invalid rows, Saleshandy, NDJSON, JSON, stdin.
        csv_file = work / "boxes.csv"
        rows = ["email,password,host,port,imap_host,imap_port,imap_password"]
        rows += [f"csv{i}@example.com,{s['password (CSV)']},smtp.example.com,465,imap.example.com,993,{s['password (CSV)']}" for i in range(30)]
        rows.append(f"csvfail@example.com,{s['password (CSV)']},smtp.nowhere.invalid,465,imap.example.com,993,{s['password (CSV)']}")
        csv_file.write_text("\n".join(rows) + "\n")
        report = home / "reports" / "outcome.csv"
        report.parent.mkdir()
        journal = home / "journals" / "boxes.journal"
        journal.parent.mkdir()
        wps_run("import --dry-run", "--dry-run", "-c", f"mailbox import {csv_file} --batch-size 10", expect=0)
        wps_run("import | watch --report", "-c", f"mailbox import {csv_file} --batch-size 10 | batch watch --report {report}", expect=1)
        wps_run("import again (journal)", "-c", f"mailbox import {csv_file} --batch-size 10 | batch watch --allow-failures --report {report}.again", expect=0)
        wps_run("import with --journal", "-c", f"mailbox import {csv_file} --batch-size 7 --journal {journal}", expect=0)
        bad_csv = work / "bad.csv"
        bad_csv.write_text(rows[0] + "\n" + rows[1] + "\n" + rows[2].replace(",465,", ",0,") + "\n" + rows[3].replace("csv2@", "csv2") + "\n")
        wps_run("import with invalid rows", "-c", f"mailbox import {bad_csv}", expect=2)
        wps_run("import --skip-invalid", "-c", f"mailbox import {bad_csv} --skip-invalid", expect=0)
        json_file = work / "boxes.json"
        json_file.write_text(json.dumps([{"email": f"json{i}@example.com", "password": s["password (JSON)"], "host": "smtp.example.com", "port": 465,
                                          "imap_host": "imap.example.com", "imap_port": 993 if i else 0} for i in range(3)], indent=1))
        wps_run("JSON import, one bad row", "-c", f"mailbox import {json_file}", expect=2)
        wps_run("JSON import --skip-invalid --dry-run", "--dry-run", "-c", f"mailbox import {json_file} --skip-invalid", expect=0)
        nd = work / "boxes.ndjson"
        nd.write_text("".join(json.dumps({"email": f"nd{i}@example.com", "password": s["password (NDJSON)"], "host": "smtp.example.com", "port": 465,
                                          "imap_host": "imap.example.com", "imap_port": 993}) + "\n" for i in range(5)))
        out = subprocess.run([str(wps), "-c", "mailbox import - | batch watch --allow-failures"], input=nd.read_bytes(), cwd=work, env=env,
                             capture_output=True, timeout=300)
        runs += 1
        scan.add_run("NDJSON import from stdin", out)
        assert out.returncode == 0, out.stderr
        sh_csv = work / "sh.csv"
        sh_csv.write_text("smtpEmailAddress,smtpPassword,smtpHost,smtpPort,imapEmailAddress,imapPassword,imapHost,imapPort\n"
                          + "".join(f"sh{i}@example.com,{s['password (saleshandy CSV)']},smtp.example.com,465,sh{i}@example.com,"
                                    f"{s['password (saleshandy CSV)']},imap.example.com,993\n" for i in range(4)))
        wps_run("Saleshandy import | watch --report", "--profile", "sh", "-c",
                f"mailbox import {sh_csv} | batch watch --report {home / 'reports' / 'sh.csv'}", expect=0)
        wps_run("Saleshandy import --dry-run", "--dry-run", "--profile", "sh", "-c", f"mailbox import {sh_csv}", expect=0)

        # 4. The interactive shell, with history, through a pseudo-terminal.
        child = pexpect.spawn(str(wps), [], cwd=str(work), env=env, encoding="utf-8", timeout=60, dimensions=(40, 250))
        transcript = []
        child.logfile_read = _Collect(transcript)
        prompt = r"wps\[sb\]> "
        child.expect(prompt)
        typed = [
            add.replace("cmd@", "shell@").replace(s["password (command)"], s["password (shell)"]),
            add.replace("cmd@", "shell2@").replace(s["password (command)"], s["password (shell)"]).replace("--smtp-port 465", "--smtp-port 0"),
            f"mailbox add --email shell3@example.com --password={s['password (shell)']} --smtp-server smtp.example.com --smtp-port 465 "
            f"--imap-server imap.example.com --imap-port 993 --smtp-prot 1",
            f"mailbox import {csv_file} --dry-run",
            "profile list", "env", "history",
        ]
        scan.add("shell transcript (typed lines left out)", type_lines(child, prompt, typed, transcript))
        runs += 1
    finally:
        log = box.stop()
    scan.add("wps sandbox --log stderr", log)
    assert "POST /rest/v2/mailboxes/manual_connection/bulk 202" in log and "POST /v1/email-accounts/connect 200" in log

    # Every file wps wrote (history, journals, reports, anything else) under the isolated HOME.
    files = [p for p in scan.add_tree(home, skip={config}) if p != config]
    names = {str(p.relative_to(home)) for p in files}
    assert ".local/state/wps/history" in names
    assert any(n.startswith(".local/state/wps/imports/") for n in names), names
    assert "journals/boxes.journal" in names and "reports/outcome.csv" in names and "reports/sh.csv" in names
    assert s["password (CSV)"] not in report.read_text() and "csvfail@example.com" in report.read_text()
    for path in files:
        if path == config:
            continue
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, f"{path} is {oct(path.stat().st_mode & 0o777)}"
    history = (home / ".local" / "state" / "wps" / "history").read_text()
    assert "--password" in history and "••••" in history

    leaks = scan.leaks()
    print(f"\nsecrets scan: {len(planted_secrets)} planted secrets × {len(encodings('x'))} encodings; "
          f"{runs} runs, {len(scan.texts)} texts scanned ({len(files)} files), {sum(len(t) for _, t in scan.texts)} characters; {len(leaks)} leaks")
    assert leaks == [], "\n".join(leaks)


def test_a_config_others_can_read_is_refused_and_never_shown(wps, tmp_path):
    key = planted("ModeKey")
    config = tmp_path / "wps" / "config.yaml"
    config.parent.mkdir()
    config.write_text(f"profiles:\n  prod: {{ provider: woodpecker, api_key: {key} }}\n")
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY") and not k.startswith("WPS_")}
    env.update({"XDG_CONFIG_HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")})
    for mode in (0o644, 0o640, 0o604):
        config.chmod(mode)
        out = subprocess.run([str(wps), "--profile", "prod", "-c", "campaign list"], env=env, capture_output=True, text=True, timeout=60)
        assert out.returncode == 2, oct(mode)
        assert f"Run: chmod 600 {config}" in out.stderr
        assert key not in out.stdout + out.stderr
    config.chmod(0o600)
    out = subprocess.run([str(wps), "--profile", "prod", "--output", "json", "-c", "profile list"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert key not in out.stdout + out.stderr


def test_mistyped_and_secret_looking_flags_never_show_their_values(wps, tmp_path):
    """A password behind a mistyped flag (`--pasword`), an alias (`--smtp-password`), a
    secret-looking name (`--api-key`, `--Password`), a secret-looking variable (`let pw = …`) or
    an `@`-value that is no file: never in a diagnostic, `--check`, `env`, the history, or the
    sandbox log — in -c, a script, standard input and the shell."""
    s = {name: planted(name.replace(" ", "")) for name in
         ["pasword", "smtp password", "imap pasword", "api key", "Password", "let pw", "let api_key", "at file", "shell"]}
    scan = Scan(s)
    home = tmp_path / "home"
    work = tmp_path / "work"
    for d in (home, work):
        d.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY") and not k.startswith(("XDG_", "WPS_"))}
    env.update({"HOME": str(home), "TERM": "xterm"})
    lines = [
        f"mailbox add --pasword {s['pasword']} --email a@b.co",
        f"mailbox add --smtp-password {s['smtp password']} --email a@b.co --smtp-prot 1",
        f"mailbox add --email a@b.co --password x --imap-pasword {s['imap pasword']}",
        f"campaign list --api-key {s['api key']}",
        f"mailbox add --Password {s['Password']} --email a@b.co",
        f'let pw = "{s["let pw"]}"; env; campaign get nope',
        f"let api_key = {s['let api_key']}; env; campaign get nope",
        f"mailbox add --email a@b.co --password @{s['at file']} --smtp-server s --smtp-port 465 --imap-server i --imap-port 993",
    ]

    def run(label, *args, stdin=None):
        out = subprocess.run([str(wps), *args], cwd=work, env=env, input=stdin, capture_output=True, timeout=120)
        scan.add_run(label, out)
        return out

    for index, line in enumerate(lines):
        out = run(f"-c {index}", "--sandbox", "-c", line)
        assert out.returncode == 2, (line, out.stderr)
        assert b"****" in out.stderr or b"cannot read the file" in out.stderr or b"no campaign" in out.stderr \
            or b"expected" in out.stderr, out.stderr
        run(f"--check {index}", "--check", "-c", line)
        script = work / f"s{index}.wps"
        script.write_text("echo start\n" + line + "\n")
        run(f"script {index}", "--sandbox", str(script))
        run(f"stdin {index}", "--sandbox", stdin=(line + "\n").encode())
    # The @-value that is no file: the message says what to do without quoting the value.
    out = run("@ value", "--sandbox", "-c", lines[-1])
    assert b"--password: cannot read the file named after '@'" in out.stderr
    # env lists a secret-looking variable without its value.
    out = run("env", "--sandbox", "--output", "json", "-c", f'let pw = "{s["let pw"]}"; env')
    assert json.loads(out.stdout)["variables"]["pw"] == "string (secret, not shown)"

    # The shell: every line typed, then the history file and the transcript scanned.
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        config = home / ".config" / "wps" / "config.yaml"
        config.parent.mkdir(parents=True)
        config.write_text(f"default: sb\nprofiles:\n  sb: {{ provider: woodpecker, base_url: '{box.url}/rest/v2', api_key_env: SB_KEY }}\n")
        config.chmod(0o600)
        env["SB_KEY"] = "sandbox-key"
        child = pexpect.spawn(str(wps), [], cwd=str(work), env=env, encoding="utf-8", timeout=60, dimensions=(40, 250))
        transcript = []
        child.logfile_read = _Collect(transcript)
        prompt = r"wps\[sb\]> "
        child.expect(prompt)
        typed = lines + [f"mailbox add --email h@b.co --password {s['shell']} --smtp-server s --smtp-port 465 "
                         f"--imap-server i --imap-port 993 | count", "env", "history"]
        shown = type_lines(child, prompt, typed, transcript)
        scan.add("shell transcript (typed lines left out)", shown)
    finally:
        log = box.stop()
    scan.add("sandbox --log", log)
    history = (home / ".local" / "state" / "wps" / "history").read_text()
    scan.add("history", history)
    history = history.replace("\\040", " ")  # libedit's encoding of a space
    # Each mistyped line takes a secret and fails: none is kept, and the shell says so. The line
    # that ran is kept with its password masked.
    assert shown.count("kept out of the history") == len(lines), shown
    for kept_out in ["--pasword", "--smtp-password", "let pw", "--api-key", "--Password", "let api_key"]:
        assert kept_out not in history, history
    assert "--password •••• --smtp-server s" in history
    leaks = scan.leaks()
    assert leaks == [], "\n".join(leaks)


def test_a_line_recalled_with_its_password_masked_is_refused(wps, sandbox, tmp_path):
    """The history keeps `--password ••••`; run again as it is, it must not send `••••`."""
    from conftest import profile_environment
    env = profile_environment(tmp_path, sandbox, "recall-key")
    base = "mailbox add --email r@b.co --smtp-server s --smtp-port 465 --imap-server i --imap-port 993"
    for line in [f"{base} --password ••••", f"{base} --password x --imap-password ••••",
                 f"let pw = ••••; {base} --password $pw"]:
        out = subprocess.run([str(wps), "-c", line], env=env, capture_output=True, text=True, timeout=60)
        assert out.returncode == 2, out.stderr
        assert "came from history with its" in out.stderr and "masked: type the" in out.stderr, out.stderr
    out = subprocess.run([str(wps), "--output", "json", "-c", "mailbox list | count"], env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "0", "a masked password reached the sandbox"


def test_a_profile_key_comes_only_from_the_profile(wps, tmp_path):
    """`api_key_env` naming an unset variable never falls back to WOODPECKER_API_KEY: exit 2
    naming the profile's variable, nothing sent (the only request the sandbox logs is a later,
    correct one)."""
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        config = tmp_path / "config" / "wps" / "config.yaml"
        config.parent.mkdir(parents=True)
        config.write_text("default: staging\nprofiles:\n"
                          f"  staging: {{ provider: woodpecker, base_url: '{box.url}/rest/v2', api_key_env: STAGING_KEY }}\n")
        config.chmod(0o600)
        env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY") and k != "STAGING_KEY"}
        env.update({"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state"),
                    "WOODPECKER_API_KEY": "production-key-never-for-staging"})
        out = subprocess.run([str(wps), "-c", "campaign list"], env=env, capture_output=True, text=True, timeout=60)
        assert out.returncode == 2, out.stderr
        assert "profile 'staging' takes its API key from STAGING_KEY, which is not set" in out.stderr
        assert "production-key" not in out.stderr
        env["STAGING_KEY"] = "staging-key"
        out = subprocess.run([str(wps), "-c", "campaign list | count"], env=env, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
    finally:
        log = box.stop()
    requests = [line for line in log.splitlines() if "/rest/v2/" in line]
    assert len(requests) == 1 and "GET /rest/v2/campaigns 200" in requests[0], log
