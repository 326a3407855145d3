"""``tactful batch``: a LinkedIn invitation export in, a reviewed set of replies out.

``export`` streams and repairs the CSV, ``drafting`` turns a row into a record
with the rewrite pipeline, ``runner`` drives the run (resume, concurrency,
order), ``store`` keeps ``replies.jsonl``, and ``tables``/``html`` derive the CSV,
the summary and the report from it.
"""
