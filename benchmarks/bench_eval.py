"""How close the eval runner gets to ideal concurrency against a slow model server.

A loopback Chat Completions server (``tests/chat_server.py``) answers every request
after a fixed delay L with a valid draft in the request's language. The suite's
first N cases run through the real pipeline and model engine with concurrency C;
the ideal wall time is ceil(N / C) x L. Target: measured / ideal <= 1.25 for
N=100, C=8, L=0.5 s. The client is warmed up first (importing ``openai`` once is
not the runner's cost).

    python benchmarks/bench_eval.py [-n 100] [-c 8] [-l 0.5]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.chat_server import ChatServer, Reply, completion  # noqa: E402
from tests.evals_fakes import request_lang, valid_long_draft  # noqa: E402

from tactful.engines.model import ModelEngine, ModelSettings, OpenAIBackend  # noqa: E402
from tactful.evals.cases import load_suite  # noqa: E402
from tactful.evals.runner import Runner  # noqa: E402


def answer(delay: float) -> Any:
    """The server's default: a valid long draft in the language the request asks for."""

    def reply(body: Any) -> Reply:
        return Reply(body=completion(valid_long_draft(request_lang(body))), delay=delay)

    return reply


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100, help="cases (N)")
    parser.add_argument("-c", type=int, default=8, help="concurrency (C)")
    parser.add_argument("-l", type=float, default=0.5, help="server delay in seconds (L)")
    args = parser.parse_args()

    suite = load_suite()
    cases = (suite.cases * math.ceil(args.n / len(suite.cases)))[: args.n]
    suite = suite.model_copy(update={"cases": cases})
    with ChatServer(default=answer(args.l)) as server:
        settings = ModelSettings(model="test-model", base_url=server.url, api_key="sk-bench")
        backend = OpenAIBackend(settings.base_url, settings.api_key, settings.timeout)
        # Import openai and open the client outside the timing.
        backend.complete({"model": settings.model, "messages": [{"role": "user", "content": "x"}]})
        warmup_requests = len(server.chat_requests)
        runner = Runner(
            engine_name="openai",
            make_engine=lambda: ModelEngine(settings, backend=backend),
            model=settings.model,
            concurrency=args.c,
        )
        start = time.perf_counter()
        results = runner.run(suite, ("long",), min_pass=0.0)
        wall = time.perf_counter() - start
        requests = len(server.chat_requests) - warmup_requests
    ideal = math.ceil(args.n / args.c) * args.l
    ratio = wall / ideal
    print(f"N={args.n} C={args.c} L={args.l}s: {requests} model requests, ", end="")
    print(f"{results.summary.errors} errors, pass rate {results.summary.pass_rate:.1%}")
    print(f"wall {wall:.2f}s / ideal ceil(N/C) x L = {ideal:.2f}s -> ratio {ratio:.3f}")
    print(f"target <= 1.25: {'met' if ratio <= 1.25 else 'MISSED'}")


if __name__ == "__main__":
    main()
