"""Baseline for the prospect import benchmark: the prospects of a CSV file sent to
`POST /rest/v1/add_prospects_list` 20,000 a request with `requests`, one request after another,
as a throwaway script would (no checks, no journal, no report).

A 429 is waited out (its Retry-After), as any working script must; nothing else is retried.

Usage: python3 import_prospects.py BASE_URL API_KEY FILE.csv
"""
import csv
import sys
import time

import requests

COLUMNS = {"email": "email", "first name": "first_name", "company": "company"}


def main():
    base_url, api_key, path = sys.argv[1:4]
    url = base_url.rstrip("/").split("/rest/")[0] + "/rest/v1/add_prospects_list"
    headers = {"x-api-key": api_key}
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [{COLUMNS.get(k.strip().lower(), k): v for k, v in row.items() if v} for row in csv.DictReader(f)]
    for start in range(0, len(rows), 20_000):
        body = {"prospects": rows[start:start + 20_000]}
        while True:
            response = requests.post(url, json=body, headers=headers, timeout=600)
            if response.status_code != 429:
                break
            time.sleep(float(response.headers.get("Retry-After", "1")))
        response.raise_for_status()


if __name__ == "__main__":
    main()
