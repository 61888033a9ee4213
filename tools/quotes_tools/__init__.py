"""quotes_tools: what developers measure the product with; not shipped in the client's wheel.

* ``evaluate``: the scorer behind ``quotes eval`` (definitions in docs/quality.md);
* ``bench``: the serving benchmark behind ``quotes bench`` (docs/performance.md);
* ``server_process``: ``quotes serve`` in a subprocess, the one launcher the tests, the
  benchmark, the deploy tests and ``measure_memory`` share;
* ``calibrate``, ``compare_textacy``, ``hostile_inputs``, ``measure_memory``: scripts,
  each run as ``python -m quotes_tools.<name>``.

Installed by ``make install`` (``pip install -e tools``); the ``quotes eval`` and
``quotes bench`` commands import it lazily and say how to install it when it is missing.
"""
