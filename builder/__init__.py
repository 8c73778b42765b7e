"""Voces: victim-centred training for justice professionals, built from plain YAML."""

__version__ = "0.1.0"
