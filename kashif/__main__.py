"""``python -m kashif`` runs the CLI."""

from .cli import run

run()
