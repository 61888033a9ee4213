"""Helpers the tests share: servers, seeds and gold, span checks, certificates, addresses."""
