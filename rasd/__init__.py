"""Rasd's shared core: settings, engine access, Arabic normalization and gazetteers.

Everything here is used by more than one of ``indexer``, ``search_api`` and ``web``;
nothing here imports those packages.
"""
