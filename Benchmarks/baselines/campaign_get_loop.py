"""Baseline for the loop benchmark: the same campaign fetched N times and printed as JSON,
with one `requests.Session` (connection reuse) — what a user writes once the one-request-at-a-
time sample is too slow. `--no-session` uses `requests.get` for each.

Usage: python3 campaign_get_loop.py BASE_URL API_KEY CAMPAIGN_ID N [--no-session]
"""
import json
import sys

import requests


def main():
    base_url, api_key, campaign_id, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    http = requests.api if "--no-session" in sys.argv else requests.Session()
    url = f"{base_url}/campaigns/{campaign_id}"
    headers = {"x-api-key": api_key}
    for _ in range(count):
        response = http.request("GET", url, headers=headers)
        if response.status_code != 200:
            sys.exit(f"Request failed: {response.status_code} {response.text}")
        print(json.dumps(response.json(), indent=2))


if __name__ == "__main__":
    main()
