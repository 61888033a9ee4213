"""``quotes bench``: serving performance measured in one run (docs/performance.md).

The run, in order (``run.py``):

1. the reference: raw spaCy on the same articles, in a subprocess (``reference.py``);
2. ``quotes serve --workers 1`` and ``--workers N`` in subprocesses (``service.py``, on the
   launcher the tests share, ``quotes_tools.server_process``), each driven
   to saturation by closed-loop clients in separate processes (``load.py``), then at half of
   that throughput by an open-loop client for latency;
3. a soak of requests bringing new words every time, with each worker's RSS after warm-up
   and at the end;
4. the reference again; then a table and a JSON file (``report.py``).

Texts come from ``corpus.py``; /proc readings (RSS, CPU, the machine) from ``system.py``.
Nothing here imports spaCy except ``reference.py``, which runs in its own process.
"""
