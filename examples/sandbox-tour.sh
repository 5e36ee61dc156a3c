#!/usr/bin/env bash
# A tour of the sandbox with curl: connect mailboxes, watch the batch, create a two-step A/B
# campaign, run it. Start a sandbox first (`scripts/wps sandbox --port 8787`), then:
#   examples/sandbox-tour.sh [BASE_URL]
# Needs curl and python3 (to read JSON). The `wps` language will make this a few lines.
set -euo pipefail
base="${1:-http://127.0.0.1:8787}"
key="${WOODPECKER_API_KEY:-tour-$$}"
api() { curl -sS -H "x-api-key: $key" -H 'content-type: application/json' "$@"; }
field() { python3 -c "import json,sys; v=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

echo "== submit two mailboxes (one will fail: its SMTP host ends in .invalid)"
batch=$(api -d '{"mailboxes":[
  {"smtp_email":"ann@example.com","smtp_password":"pw","smtp_server":"smtp.example.com","smtp_port":465,
   "imap_email":"ann@example.com","imap_password":"pw","imap_server":"imap.example.com","imap_port":993},
  {"smtp_email":"bob@example.com","smtp_password":"pw","smtp_server":"smtp.bad.invalid","smtp_port":465,
   "imap_email":"bob@example.com","imap_password":"pw","imap_server":"imap.example.com","imap_port":993}]}' \
  "$base/rest/v2/mailboxes/manual_connection/bulk" | field "v['batch_id']")
echo "batch $batch"

echo "== watch it"
until [ "$(api "$base/rest/v2/mailboxes/manual_connection/bulk/$batch/summary" | field "v['processing_finished']")" = "True" ]; do
  sleep 0.2
done
api "$base/rest/v2/mailboxes/manual_connection/bulk/$batch/summary"; echo

account=$(api "$base/rest/v2/mailboxes" | field "[m['id'] for m in v if m['type']=='SMTP'][0]")
echo "== email account $account; create a campaign"
campaign=$(api -d '{"name":"Tour","email_account_ids":['"$account"'],
  "settings":{"timezone":"Europe/Berlin","daily_enroll":50},
  "steps":{"type":"START","followup":{"type":"EMAIL",
    "delivery_time":{"MONDAY":[{"from":"08:00","to":"18:00"}]},
    "body":{"versions":[
      {"subject":"Hi {{FIRST_NAME | \"there\"}}","message":"<p>A</p>","signature":"SENDER","track_opens":true},
      {"subject":"Hello {{FIRST_NAME}}","message":"<p>B</p>","signature":"SENDER","track_opens":true}]},
    "followup_after":{"range":"DAY","value":3},
    "followup":{"type":"EMAIL","delivery_time":{"FRIDAY":[{"from":"08:00","to":"18:00"}]},
      "body":{"versions":[{"subject":null,"message":"<p>Following up</p>","signature":"SENDER","track_opens":true}]}}}}}' \
  "$base/rest/v2/campaigns" | field "v['id']")
echo "campaign $campaign"

echo "== run it, then try to rename it (not editable while running)"
api -X POST -o /dev/null -w "run: HTTP %{http_code}\n" "$base/rest/v2/campaigns/$campaign/run"
api -X PATCH -d '{"name":"Renamed"}' "$base/rest/v2/campaigns/$campaign"; echo
api "$base/rest/v2/campaigns" ; echo
