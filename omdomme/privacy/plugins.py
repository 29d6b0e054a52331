"""Exporters, erasers and cohort purgers for apps that do not register their own.

Each app should register in its own code; the ones here fill gaps, and skip apps that are not
installed or already registered a section of the same name.
"""

from __future__ import annotations
