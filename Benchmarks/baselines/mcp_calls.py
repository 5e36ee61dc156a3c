"""The MCP benchmark's driver: `wps mcp` through the official Python MCP SDK's stdio client, beside
the same GET from a `requests.Session`, in one process, timed per call (medians). Prints one JSON
line: {"list": s, "call": s, "raw_call": s, "request": s} — seconds per `tools/list` and per
`campaign_get` tool call through the SDK's client, per `campaign_get` call written as raw JSON-RPC
lines (what wps itself adds, without the Python client's own cost), and per plain GET of the same
campaign.

Usage: python3 mcp_calls.py WPS_BINARY BASE_URL API_KEY CAMPAIGN_ID COUNT
(the environment must point `wps mcp`'s default profile at BASE_URL with API_KEY)
"""
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time

import requests
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


async def timed(count, call):
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


async def main(binary, base_url, key, campaign, count):
    params = StdioServerParameters(command=binary, args=["mcp"], env=dict(os.environ))
    with open(os.devnull, "w") as quiet:
        async with stdio_client(params, errlog=quiet) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()

                async def get():
                    result = await session.call_tool("campaign_get", {"id": int(campaign)})
                    if result.is_error:
                        raise SystemExit(f"campaign_get failed: {result.content}")

                await get()  # the first call opens the connection
                listing = await timed(count, session.list_tools)
                calling = await timed(count, get)
    raw = raw_calls(binary, campaign, count)
    with requests.Session() as http:
        url = f"{base_url}/campaigns/{campaign}"
        http.get(url, headers={"x-api-key": key}).raise_for_status()
        samples = []
        for _ in range(count):
            start = time.perf_counter()
            response = http.get(url, headers={"x-api-key": key})
            response.raise_for_status()
            response.json()
            samples.append(time.perf_counter() - start)
    print(json.dumps({"list": listing, "call": calling, "raw_call": raw, "request": statistics.median(samples)}))


def raw_calls(binary, campaign, count):
    """Median seconds per `campaign_get` over raw JSON-RPC lines on the server's pipes."""
    server = subprocess.Popen([binary, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, env=dict(os.environ))

    def rpc(number, method, params):
        server.stdin.write((json.dumps({"jsonrpc": "2.0", "id": number, "method": method, "params": params}) + "\n").encode())
        server.stdin.flush()
        answer = json.loads(server.stdout.readline())
        if "error" in answer or answer.get("result", {}).get("isError"):
            raise SystemExit(f"{method} failed: {answer}")
        return answer

    rpc(1, "initialize", {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}})
    server.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
    call = {"name": "campaign_get", "arguments": {"id": int(campaign)}}
    rpc(2, "tools/call", call)
    samples = []
    for number in range(count):
        start = time.perf_counter()
        rpc(10 + number, "tools/call", call)
        samples.append(time.perf_counter() - start)
    server.stdin.close()
    server.wait()
    return statistics.median(samples)


if __name__ == "__main__":
    binary, base_url, key, campaign, count = sys.argv[1:6]
    asyncio.run(main(binary, base_url, key, campaign, int(count)))
