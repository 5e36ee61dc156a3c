"""Campaigns as code against the embedded sandbox: lint, apply (create, then idempotent), export
round trip, diff and apply of edits, --allow-edit, and what the API cannot change."""
import json
import os
import subprocess

from conftest import ROOT

SPEC = """name: Code spec
accounts: [123001]
settings: {timezone: Europe/Berlin, daily_enroll: 50}
steps:
  - window: MON-FRI 08:00-18:00; SAT 08:00-10:00,16:00-18:00
    wait: 3d
    versions:
      - {subject: "Hi {{FIRST_NAME | \\"there\\"}}", message: "<p>A</p>"}
      - {subject: "Hello", message: "<p>B</p>"}
  - window: FRI 09:00-12:00
    versions:
      - {message: "<p>follow</p>"}
"""


def run(wps, script):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    return subprocess.run([str(wps), "--sandbox", "--output", "json", "-c", script], capture_output=True, text=True, env=env, timeout=120)


def documents(text):
    decoder, position, found = json.JSONDecoder(), 0, []
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        value, position = decoder.raw_decode(text, position)
        found.append(value)
    return found


def test_apply_creates_then_changes_nothing_and_export_round_trips(wps, tmp_path):
    spec = tmp_path / "q4.yaml"
    spec.write_text(SPEC)
    exported = tmp_path / "exported.yaml"
    out = run(wps, f"campaign lint {spec}; let r = campaign apply {spec}; echo $r.created; campaign apply {spec} | get changes; "
                   f"campaign export $r.campaign_id > {exported}; campaign diff $r.campaign_id {exported} | get changes")
    assert out.returncode == 0, out.stderr
    assert f"{spec}: ok (2 steps, 3 versions)" in out.stdout
    assert "true" in out.stdout
    assert "already matches" in out.stderr
    text = exported.read_text()
    assert "window: MON-FRI 08:00-18:00; SAT 08:00-10:00,16:00-18:00" in text and "wait: 3d" in text
    assert 'subject: Hi {{FIRST_NAME | "there"}}' in text
    assert documents(out.stdout.split("\n", 2)[2]) == [[], []]


def test_edits_are_planned_applied_and_unchangeable_parts_explained(wps, tmp_path):
    spec = tmp_path / "q4.yaml"
    spec.write_text(SPEC)
    edited = tmp_path / "edited.yaml"
    # The sandbox numbers campaigns from 777001, so the edited file names the one the first apply creates.
    edited.write_text(SPEC.replace("name: Code spec", "name: Code spec v2\nid: 777001").replace("daily_enroll: 50", "daily_enroll: 80")
                      .replace('subject: "Hello"', 'subject: "Quick question"')
                      .replace("FRI 09:00-12:00", "THU 09:00-12:00")
                      + "  - window: MON 10:00-11:00\n    versions:\n      - {subject: Last, message: \"<p>bye</p>\"}\n")
    out = run(wps, f"let r = campaign apply {spec}; campaign diff $r.campaign_id {edited}; "
                   f"try {{ campaign apply {edited} }} catch {{ }}; campaign get $r.campaign_id | select name settings.daily_enroll")
    assert out.returncode == 0, out.stderr
    diff, applied, after = documents(out.stdout)
    assert diff["applied"] is False
    assert diff["changes"] == [
        'set name "Code spec" → "Code spec v2"; settings.daily_enroll 50 → 80',
        'edit step 1 version B: subject "Quick question"',
        "add step 3 at the end: MON 10:00-11:00, 1 version",
    ]
    assert any("step 2 window FRI 09:00-12:00 → THU 09:00-12:00: the API cannot change" in n for n in diff["not_changeable"])
    assert applied["applied"] is True and applied["changes"] == diff["changes"]
    assert after["name"] == "Code spec v2"
    # The campaign still differs from the spec in what the API cannot change: exit 1, saying so.
    out = run(wps, f"let r = campaign apply {spec}; campaign apply {edited}")
    assert out.returncode == 1
    assert "campaign 777001 still differs from" in out.stderr and "step 2 window FRI 09:00-12:00" in out.stderr
    assert documents(out.stdout)[-1]["applied"] is True


def test_removing_a_step_and_a_running_campaign_needs_allow_edit(wps, tmp_path):
    spec = tmp_path / "q4.yaml"
    spec.write_text(SPEC)
    shorter = tmp_path / "short.yaml"
    shorter.write_text(SPEC.split("  - window: FRI")[0].replace("    wait: 3d\n", ""))
    out = run(wps, f"let r = campaign apply {spec}; campaign run $r.campaign_id | count; campaign apply {shorter}")
    assert out.returncode == 2
    assert "is RUNNING: it can change only as DRAFT or EDITED; --allow-edit makes it editable first" in out.stderr
    assert "remove step 2 (the last)" in out.stderr
    out = run(wps, f"let r = campaign apply {spec}; campaign run $r.campaign_id | count; campaign apply {shorter} --allow-edit | get applied; "
                   f"campaign get $r.campaign_id | get status")
    assert out.returncode == 0, out.stderr
    # Back to the status it had: run again, and said on stderr.
    assert out.stdout.split()[-2:] == ["true", "RUNNING"]
    assert "RUNNING → EDITED (make_editable)" in out.stderr
    assert "EDITED → RUNNING again" in out.stderr


def test_diff_says_what_allow_edit_does_to_the_status(wps, tmp_path):
    spec = tmp_path / "q4.yaml"
    spec.write_text(SPEC)
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(SPEC.replace("name: Code spec", "name: Code spec 2"))
    out = run(wps, f"let r = campaign apply {spec}; campaign run $r.campaign_id | count; campaign diff $r.campaign_id {renamed} | get allow_edit")
    assert out.returncode == 0, out.stderr
    assert "RUNNING → EDITED (make_editable, not sending) while changing, then run again → RUNNING" in out.stdout


def test_allow_edit_says_so_and_exits_1_when_the_campaign_cannot_run_again(wps, tmp_path):
    spec = tmp_path / "q4.yaml"
    spec.write_text(SPEC)
    # The sandbox refuses to run (or GET) a campaign whose name holds [editor] (unsupported features).
    blocked = tmp_path / "blocked.yaml"
    # The first campaign of a fresh embedded sandbox is 777001: the id makes apply change it.
    blocked.write_text("id: 777001\n" + SPEC.replace("name: Code spec", "name: Code spec [editor]"))
    out = run(wps, f"let r = campaign apply {spec}; campaign run $r.campaign_id | count; "
                   f"let id = $r.campaign_id; try {{ campaign apply {blocked} --allow-edit }} catch {{ echo $error }}")
    assert out.returncode == 0, out.stderr
    assert "the changes were applied, but campaign" in out.stdout
    assert "could not be made RUNNING again; it is EDITED (not sending)" in out.stdout
    out = run(wps, f"let r = campaign apply {spec}; campaign run $r.campaign_id | count; campaign apply {blocked} --allow-edit")
    assert out.returncode == 1


def test_lint_reports_every_problem_with_its_place(wps, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\naccounts: []\nsettings: {timezone: Mars/Base, daily_enroll: 0}\nsteps:\n"
                   "  - window: MON 10:00-09:00\n    wait: 3w\n    versions:\n      - {subject: \"Hi {{FIRST_NAM}}\", message: \"<p>{{x</p>\"}\n")
    out = run(wps, f"campaign lint {bad}")
    assert out.returncode == 2
    for expected in [
        f"{bad}:5:13: steps[0].window: 10:00-09:00: from must be earlier than to",
        f"{bad}:6:11: steps[0].wait: write a wait such as 3d or 13h, got '3w'",
        f"{bad}:8:19: steps[0].versions[0].subject: unknown snippet '{{{{FIRST_NAM}}}}' — did you mean '{{{{FIRST_NAME}}}}'?",
        f"{bad}:8:48: steps[0].versions[0].message: '{{{{' is never closed with '}}}}'",
    ]:
        assert expected in out.stderr, expected
    bad.write_text("name: Bad\naccounts: []\nsettings: {timezone: Mars/Base, daily_enroll: 0}\nsteps:\n"
                   "  - window: MON 09:00-10:00\n    versions:\n      - {message: \"<p>x</p>\"}\n")
    out = run(wps, f"campaign lint {bad}")
    assert out.returncode == 2
    assert f"{bad}:3:22: settings.timezone: must be an IANA time zone" in out.stderr
    assert f"{bad}:7:9: steps[0].versions[0].subject: " in out.stderr


def test_preview_fills_snippets_from_a_prospect_or_fallbacks(wps, tmp_path):
    spec = tmp_path / "q4.yaml"
    spec.write_text(SPEC.replace("<p>A</p>", "<p>A for {{COMPANY | \\\"your team\\\"}}</p>"))
    prospect = tmp_path / "ann.json"
    prospect.write_text('{"first_name": "Ann", "company": "Acme"}')
    out = run(wps, f'campaign preview {spec} --prospect "first_name=Bo"; campaign preview {spec} --prospect {prospect}; '
                   f"let r = campaign apply {spec}; campaign preview $r.campaign_id")
    assert out.returncode == 0, out.stderr
    by_pair, by_file, by_id = documents(out.stdout)
    assert by_pair[0] == {"step": 1, "version": "A", "window": "MON-FRI 08:00-18:00; SAT 08:00-10:00,16:00-18:00",
                          "subject": "Hi Bo", "message": "<p>A for your team</p>"}
    assert by_pair[2]["subject"] == "(same thread)"
    assert (by_file[0]["subject"], by_file[0]["message"]) == ("Hi Ann", "<p>A for Acme</p>")
    assert by_id[0]["subject"] == "Hi there" and len(by_id) == 3
    out = run(wps, f'campaign preview {spec} --prospect "nonsense"')
    assert out.returncode == 2 and "--prospect: write first_name=Ann,company=Acme" in out.stderr


def run_table(wps, script, columns):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env["COLUMNS"] = str(columns)
    return subprocess.run([str(wps), "--sandbox", "--output", "table", "-c", script], capture_output=True, text=True, env=env,
                          timeout=120)


def test_diff_shows_its_whole_plan_on_a_narrow_terminal(wps, tmp_path):
    spec = tmp_path / "q4.yaml"
    spec.write_text(SPEC)
    edited = tmp_path / "edited.yaml"
    edited.write_text(SPEC.replace("daily_enroll: 50", "daily_enroll: 70").replace("wait: 3d", "wait: 4d")
                      + "  - window: SAT 10:00-12:00\n    versions:\n      - {message: \"<p>third</p>\"}\n")
    out = run_table(wps, f"let r = campaign apply {spec}; campaign diff $r.campaign_id {edited}; "
                         f"let d = campaign diff $r.campaign_id {edited}; $d.changes | count", 40)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("campaign 777001 (DRAFT) against"))
    assert lines[start].endswith(": 2 changes, 1 the API cannot make")
    assert lines[start + 1:start + 6] == [
        "  ~ set settings.daily_enroll 50 → 70",
        "  + add step 3 at the end: SAT 10:00-12:00, 1 version",
        "the API cannot make:",
        "  ! step 1 wait 3d → 4d: the API cannot change an existing step's wait",
        f"nothing was sent: campaign apply {edited} makes these changes",
    ]
    assert "…" not in out.stdout
    # The plan is still a record for the pipeline.
    assert lines[-1] == "2"


def test_lint_reports_every_problem_in_one_run(wps, tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text(SPEC.replace("accounts:", "acounts:").replace("wait: 3d", "wait: 3x")
                    .replace("FRI 09:00-12:00", "FRY 09:00-12:00").replace("Hello", "Hello {{COMPANY"))
    out = run(wps, f"campaign lint {spec}")
    assert out.returncode == 2
    problems = [line.strip() for line in out.stderr.splitlines() if line.startswith(f"  {spec}:")]
    assert out.stderr.startswith(f"error: {len(problems)} problems in {spec}:")
    assert [p.split(": ", 2)[1] for p in problems] == [
        "accounts", "acounts", "steps[0].wait", "steps[0].versions[1].subject", "steps[1].window"]


def test_steps_file_takes_the_spec_step_list(wps, tmp_path):
    steps = tmp_path / "steps.yaml"
    steps.write_text("- window: MON-FRI 09:00-17:00\n  wait: 2d\n  versions:\n  - {subject: Hi, message: <p>x</p>}\n"
                     "- window: FRI 09:00-12:00\n  versions:\n  - {message: <p>again</p>}\n")
    out = run(wps, f"let c = campaign new Q --accounts 123001 --timezone UTC --daily-enroll 5 --steps {steps}; "
                   "campaign export $c.id")
    assert out.returncode == 0, out.stderr
    assert "wait: 2d" in out.stdout and "window: FRI 09:00-12:00" in out.stdout and "message: <p>again</p>" in out.stdout
    steps.write_text('{"name": "not steps"}')
    out = run(wps, f"campaign new Q --accounts 123001 --timezone UTC --daily-enroll 5 --steps {steps}")
    assert out.returncode == 2
    assert f"{steps}:1:1: --steps takes the spec's step list" in out.stderr and "DecodingError" not in out.stderr


def test_campaign_show_fits_the_terminal(wps):
    script = ('let c = campaign new "Q4 outreach for European prospects" --accounts 123001,123003 --timezone Europe/Berlin '
              '--daily-enroll 50 --subject "Quick question about your outreach, {{FIRST_NAME}}" --message "<p>A</p>" '
              '--wait 2d; step add --after $c.steps.followup.id --message "<p>f</p>" --wait 13h | count; campaign show $c.id')
    for columns in (32, 50, 80):
        out = run_table(wps, script, columns)
        assert out.returncode == 0, out.stderr
        tree = out.stdout.splitlines()[1:]
        assert all(len(line) <= columns for line in tree), (columns, tree)
        assert tree[-1].startswith("   ↓ wait 13 hours"), tree


def test_a_spec_whose_campaign_is_gone_or_whose_name_is_shared_is_refused(wps, tmp_path):
    spec = tmp_path / "q4.yaml"
    spec.write_text("id: 777001\n" + SPEC)
    # Its campaign was deleted: refused, exit 2, and no new campaign on any apply.
    (tmp_path / "first.yaml").write_text(SPEC)
    out = run(wps, f"campaign apply {tmp_path / 'first.yaml'} | count; campaign delete 777001 --yes | count; "
                   f"try {{ campaign apply {spec} }} catch {{ campaign list | count }}; campaign apply {spec}")
    assert out.returncode == 2
    assert "campaign 777001 of" in out.stderr and "does not exist (deleted, or of another account)" in out.stderr
    assert "remove the line 'id: 777001'" in out.stderr
    assert out.stdout.split() == ["1", "1", "0"]  # nothing was created by the refused apply
    # Without an id, a name two campaigns share is refused naming both.
    twice = f"campaign new 'Code spec' --accounts 123001 --timezone UTC --daily-enroll 5 --subject Hi --message Hello | count; "
    out = run(wps, twice + twice + f"campaign apply {tmp_path / 'first.yaml'}")
    assert out.returncode == 2
    assert "2 campaigns are named 'Code spec' (777001, 777002)" in out.stderr and "'id: 777001'" in out.stderr


def test_export_keeps_every_wait_so_an_edited_export_applies_cleanly(wps, tmp_path):
    spec = tmp_path / "q4.yaml"
    spec.write_text(SPEC.replace("  - window: FRI 09:00-12:00\n    versions:", "  - window: FRI 09:00-12:00\n    wait: 2d\n    versions:"))
    exported = tmp_path / "exported.yaml"
    out = run(wps, f"let r = campaign apply {spec}; campaign export $r.campaign_id > {exported}; echo ok")
    assert out.returncode == 0, out.stderr
    text = exported.read_text()
    assert text.count("wait: ") == 2 and "wait: 2d" in text, text
    # Export → add a step → apply: no wait is reported as changed.
    edited = tmp_path / "edited.yaml"
    edited.write_text(text + "- window: MON 10:00-11:00\n  versions:\n  - {message: \"<p>bye</p>\"}\n")
    out = run(wps, f"campaign apply {spec} | count; campaign apply {edited} | get not_changeable")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.split("\n", 1)[1]) == []
    # A copy made from the export keeps the last step's wait.
    copy = tmp_path / "copy.yaml"
    copy.write_text("\n".join(line for line in text.splitlines() if not line.startswith("id:")).replace("name: Code spec", "name: Copy"))
    out = run(wps, f"campaign apply {spec} | count; let c = campaign apply {copy}; campaign export $c.campaign_id")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("wait: 2d") == 1 and "wait: 3d" in out.stdout


def test_step_delete_on_a_running_campaign_is_refused_before_asking(wps):
    out = run(wps, "let c = campaign new A --accounts 123001 --timezone UTC --daily-enroll 5 --subject Hi --message Hello; "
                   "let c = step add --after $c.steps.followup.id --message '<p>More</p>'; campaign run $c.id | count; "
                   "step delete $c.steps.followup.followup.id --yes")
    assert out.returncode == 2
    assert "is RUNNING: its steps can change only while it is DRAFT or EDITED" in out.stderr
    assert "409" not in out.stderr
    # On a terminal it is said instead of the question.
    import pexpect
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    child = pexpect.spawn(str(wps), ["--sandbox"], env={**env, "TERM": "xterm"}, encoding="utf-8", timeout=60,
                          dimensions=(40, 200))
    child.expect(r"wps\[sandbox\]> ")
    child.sendline("let c = campaign new A --accounts 123001 --timezone UTC --daily-enroll 5 --subject Hi --message Hello --wait 2d; "
                   "let c = step add --after $c.steps.followup.id --message '<p>More</p>'; campaign run $c.id | count")
    child.expect(r"wps\[sandbox\]> ")
    child.sendline("step delete $c.steps.followup.followup.id")
    assert child.expect(["is RUNNING: its steps can change", r"\[y/N\]"]) == 0
    child.expect(r"wps\[sandbox\]> ")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)


def test_export_writes_messages_of_several_lines_as_blocks_and_round_trips(wps, tmp_path):
    body = tmp_path / "first.html"
    body.write_text("<p>Hi {{FIRST_NAME}},</p>\n\n<p>  indented, \"quoted\" and: colon</p>\n")
    exported, again = tmp_path / "q.yaml", tmp_path / "again.yaml"
    out = run(wps, f'let c = campaign new "Blocks" --accounts 123001 --timezone UTC --daily-enroll 5 --subject "Hi" '
                   f'--message @{body} --subject "Other" --message "one line"; campaign export $c.id > {exported}; '
                   f'campaign apply {exported} | get changes')
    assert out.returncode == 0, out.stderr
    text = exported.read_text()
    assert "    message: |\n      <p>Hi {{FIRST_NAME}},</p>\n\n      <p>  indented, \"quoted\" and: colon</p>\n" in text, text
    assert "\\n" not in text
    assert documents(out.stdout)[-1] == []
    # A new campaign from the file (its id line removed) exports to the same file.
    fresh = tmp_path / "fresh.yaml"
    fresh.write_text("".join(line for line in text.splitlines(keepends=True) if not line.startswith("id:")))
    out = run(wps, f"let r = campaign apply {fresh}; campaign export $r.campaign_id > {again}")
    assert out.returncode == 0, out.stderr
    strip = lambda t: [line for line in t.splitlines() if not line.startswith("id:")]
    assert strip(again.read_text()) == strip(text)
