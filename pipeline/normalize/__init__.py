"""Normalisers: small pure functions from source strings to clean values.

Each states its failure policy: input it cannot parse is kept verbatim and
flagged, never guessed.
"""
