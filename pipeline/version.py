"""The package version, at the bottom of the layers so that every module may import it."""
__version__ = "0.2.0"
