"""`wps help --json`: the whole catalogue as one document, valid against docs/catalog.md's schema."""
import json
import re
import subprocess

import jsonschema

from conftest import ROOT


def schema():
    text = (ROOT / "docs" / "catalog.md").read_text()
    block = re.search(r"## JSON Schema.*?```json\n(.*?)```", text, re.S)
    return json.loads(block.group(1))


def catalogue(wps, *words):
    out = subprocess.run([str(wps), "help", *words, "--json"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_the_catalogue_is_valid_against_its_schema(wps):
    document = catalogue(wps)
    jsonschema.validate(document, schema())
    names = [command["name"] for command in document["commands"]]
    assert len(names) == len(set(names))
    # It is the registry `help` lists: every command of the overview is in it.
    overview = subprocess.run([str(wps), "help"], capture_output=True, text=True, timeout=60).stdout
    for name in names:
        assert f"  {name} " in overview, name


def test_the_catalogue_says_what_a_program_needs(wps):
    commands = {command["name"]: command for command in catalogue(wps)["commands"]}
    new = commands["campaign new"]
    assert new["category"] == "api" and new["requests"][0] == {
        "method": "POST", "path": "campaigns", "provider": "woodpecker", "note": None}
    flags = {flag["name"]: flag for flag in new["flags"]}
    assert flags["accounts"]["type"] == {"type": "array", "items": {"type": "integer"}}
    assert "email-account-ids" in flags["accounts"]["aliases"] and flags["accounts"]["fields"] == ["email_account_ids"]
    assert flags["subject"]["repeatable"] and flags["subject"]["type"]["type"] == "array"
    assert flags["signature"]["choices"] == ["SENDER", "NO_SIGNATURE"] and flags["signature"]["default"] == "SENDER"
    assert flags["wait"]["default"] == "1d"
    add = {flag["name"]: flag for flag in commands["mailbox add"]["flags"]}
    assert add["password"]["secret"] and not add["email"]["secret"] and add["email"]["required"]
    assert commands["campaign delete"]["destructive"] and "yes" in [f["name"] for f in commands["campaign delete"]["flags"]]
    assert "saleshandy" in commands["mailbox import"]["providers"]
    assert commands["where"]["category"] == "filter" and commands["where"]["providers"] == []
    assert commands["help"]["category"] == "shell"


def test_one_commands_entry_and_an_unknown_one(wps):
    entry = catalogue(wps, "campaign", "get")
    jsonschema.validate(entry, {**schema()["$defs"]["command"], "$defs": schema()["$defs"]})
    assert entry["name"] == "campaign get"
    out = subprocess.run([str(wps), "help", "campain", "get", "--json"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "no command 'campain get'" in out.stderr
