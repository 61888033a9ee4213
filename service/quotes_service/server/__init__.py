"""Serving: validate -> extract -> convert to proto; health, workers, limits, metrics, logs, security.

The only room that imports grpc. ``launch.main`` is ``quotes serve``.
"""
