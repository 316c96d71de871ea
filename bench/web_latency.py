#!/usr/bin/env python3
"""Latency of POST /api/ask on a running server (python3 standard library only).

    java -jar deployment/target/policybot.jar serve --host 127.0.0.1 &
    python3 bench/web_latency.py --requests 2000 --threads 1
    python3 bench/web_latency.py --requests 2000 --threads 4

Sends a fixed mix of questions over keep-alive connections to 127.0.0.1 only, and prints
percentiles of the client-side round trip. Bounded: stops after --requests requests.
"""
import argparse
import http.client
import json
import statistics
import threading
import time

QUESTIONS = [
    "can I paste student marks into ChatGPT?",
    "who approves exceptions to the policy?",
    "what is a public AI service?",
    "can I use Copilot to draft an email to a colleague?",
    "can I upload confidential research data to Gemini?",
    "I want to talk to someone in Information Governance",
    "hello",
    "what is the weather tomorrow?",
    "do I have to tell students when I use AI to give feedback?",
    "is it OK to use an AI tool to write code for my research project?",
]


def worker(port, count, offset, out, token):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    for i in range(count):
        body = json.dumps({"text": QUESTIONS[(offset + i) % len(QUESTIONS)]})
        start = time.perf_counter()
        conn.request("POST", "/api/ask", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - start
        if response.status != 200:
            raise SystemExit(f"unexpected status {response.status}")
        out.append(elapsed)
    conn.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=3978)
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=int, default=300)
    p.add_argument("--token", default=None)
    a = p.parse_args()
    worker(a.port, a.warmup, 0, [], a.token)
    times = []
    per = a.requests // a.threads
    threads = [threading.Thread(target=worker, args=(a.port, per, t * 7, times, a.token)) for t in range(a.threads)]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall
    times.sort()
    q = lambda f: times[min(len(times) - 1, int(f * len(times)))] * 1000
    print(f"{len(times)} requests, {a.threads} thread(s): {len(times) / wall:.0f} req/s; "
          f"p50 {q(0.50):.2f} ms, p90 {q(0.90):.2f} ms, p99 {q(0.99):.2f} ms, max {times[-1] * 1000:.2f} ms, "
          f"mean {statistics.mean(times) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
