"""Re-export of :mod:`pipeline.tools.render` under the name the README has always given users:
``from pipeline.render import render_html``."""

from .tools.render import render_html, write_report  # noqa: F401
